/**
 * A real SMTP server in the test process (`smtp-server`), on a loopback port, keeping every
 * message it accepted, parsed with `mailparser`. It can refuse connections (its port closed)
 * and come back on the same port, as a mail server that went down and up.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  /** Recipients of the SMTP envelope (RCPT TO). */
  envelopeTo: string[];
  /** The message as received, headers and all. */
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpCatcherOptions {
  /** Credentials the server asks for (AUTH PLAIN/LOGIN over plain TCP, as in a test network). */
  user?: string;
  pass?: string;
}

export class SmtpCatcher {
  readonly messages: CapturedMail[] = [];
  /** Times a client authenticated with the right credentials. */
  logins = 0;
  private server: SMTPServer | null = null;
  private taken = 0;
  private readonly waiting: ((mail: CapturedMail) => void)[] = [];

  private constructor(
    private readonly options: SmtpCatcherOptions,
    public port: number,
  ) {}

  /** Listens on a free loopback port (or `port`). */
  static async start(options: SmtpCatcherOptions = {}, port = 0): Promise<SmtpCatcher> {
    const catcher = new SmtpCatcher(options, port);
    await catcher.accept();
    return catcher;
  }

  /** `smtp://user:pass@127.0.0.1:port`, as `SMTP_URL` takes it. */
  get url(): string {
    const { user, pass } = this.options;
    const auth = user ? `${encodeURIComponent(user)}:${encodeURIComponent(pass ?? '')}@` : '';
    return `smtp://${auth}127.0.0.1:${this.port}`;
  }

  /** The next message not yet taken by an earlier call, as soon as it arrives (queue order). */
  nextMessage(): Promise<CapturedMail> {
    const ready = this.messages[this.taken];
    if (ready) {
      this.taken++;
      return Promise.resolve(ready);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Messages arrived and not taken by `nextMessage`. */
  get untaken(): number {
    return this.messages.length - this.taken;
  }

  /** Stops listening: connections are refused (ECONNREFUSED) until `accept`. */
  async refuse(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again, on the same port. */
  async accept(): Promise<void> {
    if (this.server) return;
    const server = this.createServer();
    const listening = server.listen(this.port, '127.0.0.1');
    await once(listening, 'listening');
    this.port = (listening.address() as AddressInfo).port;
    this.server = server;
  }

  close(): Promise<void> {
    return this.refuse();
  }

  private createServer(): SMTPServer {
    const { user, pass } = this.options;
    return new SMTPServer({
      // Plain TCP on loopback: no STARTTLS to negotiate, AUTH allowed without TLS.
      disabledCommands: user ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      allowInsecureAuth: true,
      authOptional: !user,
      logger: false,
      // close() waits for open sessions at most this long.
      closeTimeout: 1_000,
      onAuth: (auth, _session, callback) => {
        if (auth.username === user && auth.password === pass) {
          this.logins++;
          callback(null, { user: auth.username });
        } else callback(new Error('535 wrong credentials'));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw).then(
            (parsed) => {
              const mail = {
                envelopeTo: session.envelope.rcptTo.map((r) => r.address),
                raw,
                parsed,
              };
              this.messages.push(mail);
              const waiter = this.waiting.shift();
              if (waiter) {
                this.taken++;
                waiter(mail);
              }
              callback();
            },
            (err: Error) => callback(err),
          );
        });
      },
    });
  }
}
