import { connect } from 'node:net';

/**
 * Whether a TCP connection to the URL's host and port opens within timeoutMs: null when it does, else why not
 * (the errno code, `timeout`, or `bad URL`). Opens and closes the connection only: no request is sent.
 */
export function tcpReachable(url: string, timeoutMs: number): Promise<string | null> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve('bad URL');
  }
  const port = Number(target.port) || (target.protocol === 'http:' ? 80 : 443);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const end = (why: string | null) => {
      socket.destroy();
      resolve(why);
    };
    socket.setTimeout(timeoutMs, () => end(`no connection within ${timeoutMs / 1000} s`));
    socket.once('connect', () => end(null));
    socket.once('error', (error: NodeJS.ErrnoException) => end(error.code ?? error.message));
  });
}
