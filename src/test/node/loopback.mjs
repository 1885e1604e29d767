// Runs reservation-engine's server jar and points twilio-node at it.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import twilio from "twilio";

// twilio-node has no base-URL option: this client sends TaskRouter's requests to the fake.
// Leave the client's edge and region unset, as they rewrite 127.0.0.1 too.
export class LoopbackRequestClient extends twilio.RequestClient {
  constructor(origin) {
    super({ timeout: 10_000 });
    this.origin = origin;
  }

  request(opts) {
    const uri = opts.uri.replace(/^https:\/\/taskrouter\.twilio\.com(?=\/)/, this.origin);
    return super.request({ ...opts, uri });
  }
}

// Starts `java -jar jar args...` on a free port and resolves once it listens.
export function startServer(jar, ...args) {
  const child = spawn("java", ["-jar", jar, "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  const stop = async () => {
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    const status = await exited;
    clearTimeout(timer);
    return status;
  };
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    child.once("error", reject);
    exited.then(({ code }) => reject(new Error(`server exited before listening: ${code}`)));
    lines.once("line", (line) => {
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      if (match === null) {
        stop();
        reject(new Error(`first line is not "listening on http://127.0.0.1:PORT": ${line}`));
        return;
      }
      lines.on("line", (more) => process.stdout.write(`server: ${more}\n`));
      resolve({ origin: match[1], stop });
    });
  });
}

// A twilio-node client whose TaskRouter requests go to the server at origin.
export function loopbackTwilio(origin) {
  return twilio("AC00000000000000000000000000000000", "any-token", {
    httpClient: new LoopbackRequestClient(origin),
  });
}

// The server jar: $SERVER_JAR, or the one that `mvn package` left in target/.
export function serverJar() {
  if (process.env.SERVER_JAR) {
    return process.env.SERVER_JAR;
  }
  const target = new URL("../../../target/", import.meta.url).pathname;
  const jars = readdirSync(target).filter((name) => name.endsWith("-server.jar"));
  if (jars.length !== 1) {
    throw new Error(`expected one *-server.jar in ${target}: ${jars.length}; run mvn package`);
  }
  return join(target, jars[0]);
}
