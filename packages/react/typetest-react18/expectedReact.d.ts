/** The React major whose types jsx.test-d.tsx is checked with here: 18 (the `unit-react18` project). */
type ExpectedReactMajor = 18;
