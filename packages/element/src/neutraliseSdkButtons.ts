const SUBMITTING =
  'button:not([type="button"]), input[type="submit"], input[type="image"], input[type="reset"]';

/**
 * SDK buttons may lack `type` or even say `submit`/`reset` (contract §2): inside a form they would submit or reset
 * it. Makes every such control in the SDK's container a plain button, now and whenever the SDK renders again.
 * Returns the function that stops watching.
 */
export function neutraliseSdkButtons(container: HTMLElement): () => void {
  const fix = () => {
    for (const control of container.querySelectorAll<HTMLButtonElement | HTMLInputElement>(SUBMITTING)) {
      control.setAttribute('type', 'button');
    }
  };
  const observer = new MutationObserver(fix);
  observer.observe(container, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['type'],
  });
  fix();
  return () => observer.disconnect();
}
