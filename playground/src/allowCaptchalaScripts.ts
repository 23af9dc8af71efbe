import config from 'virtual:playground-config';
import { allowLoaderOrigins } from '@captchala-kit/element';

/**
 * The kit loads CaptchaLa's own scripts and nothing else until the page's JavaScript names more (an attribute never
 * can): offline, the stand-in's loader and SDK on this dev server, named by their exact URLs on the page's own
 * origin, as a site names its self-hosted loader. Each page calls this before its first widget loads.
 */
export function allowCaptchalaScripts(): void {
  allowLoaderOrigins(config.allowedScripts.map((url) => new URL(url, location.origin).href));
}
