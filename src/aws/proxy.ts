type Env = Readonly<Record<string, string | undefined>>;

/** The `<scheme>_proxy` variables as Python's urllib.request.getproxies_environment reads them: lower case wins, and an empty lower-case one removes the scheme. */
function proxiesOf(env: Env): Map<string, string> {
  const proxies = new Map<string, string>();
  const entries = Object.entries(env);
  for (const [name, value] of entries) if (value && name.toLowerCase().endsWith('_proxy')) proxies.set(name.toLowerCase().slice(0, -6), value);
  // CGI: a request can set Proxy: and so HTTP_PROXY (httpoxy).
  if (env.REQUEST_METHOD !== undefined) proxies.delete('http');
  for (const [name, value] of entries) {
    if (!name.endsWith('_proxy')) continue;
    const scheme = name.toLowerCase().slice(0, -6);
    if (value) proxies.set(scheme, value);
    else proxies.delete(scheme);
  }
  return proxies;
}

/** urllib's proxy_bypass_environment for a netloc (host, with its port when the URL names one). */
function bypassed(netloc: string, noProxy: string | undefined): boolean {
  if (noProxy === undefined) return false;
  if (noProxy === '*') return true;
  const host = netloc.toLowerCase();
  const hostOnly = host.replace(/:\d+$/, '');
  return noProxy.split(',').some((entry) => {
    const name = entry.trim().replace(/^\.+/, '').toLowerCase();
    return name !== '' && (hostOnly === name || host === name || hostOnly.endsWith(`.${name}`) || host.endsWith(`.${name}`));
  });
}

/**
 * The proxy botocore (and so the AWS CLI) connects through for a URL, or null: botocore.utils.get_environ_proxies
 * (urllib's getproxies and proxy_bypass on the URL's netloc) and ProxyConfiguration.proxy_url_for, which adds
 * `http://` to a proxy given without a scheme. The JS SDK does not read these variables.
 */
export function proxyFor(url: string, env: Env): string | null {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return null;
  }
  const proxies = proxiesOf(env);
  // The netloc as written: URL.host drops a default port that urlparse keeps (and NO_PROXY may name).
  const netloc = /^[^:/?#]+:\/\/([^/?#]*)/.exec(url)?.[1] ?? target.host;
  if (bypassed(netloc, proxies.get('no'))) return null;
  const proxy = proxies.get(target.protocol.replace(/:$/, ''));
  if (!proxy) return null;
  if (proxy.startsWith('http:') || proxy.startsWith('https:')) return proxy;
  return proxy.startsWith('//') ? `http:${proxy}` : `http://${proxy}`;
}
