import type { Server } from 'node:http';
/** Serves `root` on 127.0.0.1 (port 0 picks a free one); resolves with the server and its URL. */
export function serveDirectory(root: string, port?: number): Promise<{ server: Server; url: string }>;
