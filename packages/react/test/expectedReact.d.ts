/** The React major whose types jsx.test-d.tsx is checked with here: 19 (`pnpm typecheck`, the `unit` project). */
type ExpectedReactMajor = 19;
