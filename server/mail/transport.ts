import nodemailer from 'nodemailer';

/** One message as handed to the mail server. */
export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** Where mail goes: the SMTP server of `SMTP_URL` (tests use a real one, in process). */
export interface MailTransport {
  /** `host:port` of the server: the only part of `SMTP_URL` that may be logged. */
  readonly where: string;
  send(message: OutgoingMessage): Promise<void>;
  /** An error's text without the credentials of `SMTP_URL` (servers may echo the user name). */
  describe(err: unknown): string;
  close(): void;
}

/** Bounds one attempt, so a mail server that accepts and then hangs cannot hold a lease. */
const CONNECT_TIMEOUT_MS = 20_000;
const SOCKET_TIMEOUT_MS = 60_000;
const MAX_ERROR_CHARS = 500;

/** `host:port` of an smtp:// or smtps:// URL (465 and 587 when none is written). */
export function smtpHostPort(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol === 'smtps:' ? '465' : '587')}`;
}

export function smtpTransport(url: string): MailTransport {
  const u = new URL(url);
  const credentials = [
    u.username,
    u.password,
    decodeURIComponent(u.username),
    decodeURIComponent(u.password),
  ]
    .filter((s) => s.length >= 2)
    .sort((a, b) => b.length - a.length);
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });
  return {
    where: smtpHostPort(url),
    async send(message) {
      await transporter.sendMail(message);
    },
    describe(err) {
      let text = err instanceof Error ? err.message : String(err);
      for (const secret of credentials) text = text.split(secret).join('***');
      return text.slice(0, MAX_ERROR_CHARS);
    },
    close: () => transporter.close(),
  };
}
