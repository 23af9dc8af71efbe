import type { CaptchalaWidget } from '@captchala-kit/element';

/** A section's form and its widget, and a site route path naming the widget's app key. */
export function widgetForm(section: HTMLElement) {
  const form = section.querySelector('form')!;
  const widget = form.querySelector<CaptchalaWidget>('captchala-widget')!;
  // Offline, the site validates with the (tagged) test key the widget uses; live, it ignores this.
  const path = (route: string) => `${route}?app_key=${encodeURIComponent(widget.appKey)}`;
  return { form, widget, path };
}
