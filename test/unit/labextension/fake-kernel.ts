import type { ISessionContext } from "@jupyterlab/apputils";
import type { Kernel, KernelMessage } from "@jupyterlab/services";
import { Signal } from "@lumino/signaling";
import type { InspectorTarget } from "../../../labextension/src/inspector/state";

/** How the fake kernel answers one execute request. */
export interface FakeAnswer {
  display?: Record<string, unknown>;
  stderr?: string;
  /** An `error` message on IOPub, as kernels that follow the messaging protocol report one. */
  error?: { ename: string; evalue: string; traceback: string[] };
  status?: "ok" | "error" | "aborted" | "abort";
  /** Milliseconds the "execution" takes. */
  delay?: number;
}

type Future = {
  onIOPub: (msg: KernelMessage.IIOPubMessage) => void;
  onReply: (msg: KernelMessage.IExecuteReplyMsg) => void;
  done: Promise<unknown>;
};

function message(type: string, content: unknown): KernelMessage.IIOPubMessage {
  return { header: { msg_type: type }, content } as unknown as KernelMessage.IIOPubMessage;
}

/**
 * Just enough of a kernel connection and session context for InspectorModel: execute requests
 * are answered by `answer(code)` after a delay, with stderr, an error, display_data and a reply,
 * in the order tslab sends them. Records every request and the most that ran at once.
 */
export class FakeKernel {
  name = "tslab";
  status: Kernel.Status = "idle";
  readonly codes: string[] = [];
  running = 0;
  maxRunning = 0;
  answer: (code: string) => FakeAnswer = () => ({});

  requestExecute(content: { code: string }): Future {
    this.codes.push(content.code);
    const answer = this.answer(content.code);
    let finish: () => void = () => undefined;
    const future: Future = {
      onIOPub: () => undefined,
      onReply: () => undefined,
      done: new Promise<void>((resolve) => (finish = resolve)),
    };
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    setTimeout(() => {
      if (answer.stderr) future.onIOPub(message("stream", { name: "stderr", text: answer.stderr }));
      if (answer.error) future.onIOPub(message("error", answer.error));
      if (answer.display)
        future.onIOPub(message("display_data", { data: answer.display, metadata: {} }));
      future.onReply({
        content: { status: answer.status ?? (answer.stderr || answer.error ? "error" : "ok") },
      } as KernelMessage.IExecuteReplyMsg);
      this.running -= 1;
      finish();
    }, answer.delay ?? 5);
    return future;
  }
}

/** A notebook for the model to follow, with a fake kernel and the signals it listens to. */
export class FakeNotebook implements InspectorTarget {
  name = "lesson.ipynb";
  pending = false;
  readonly kernel = new FakeKernel();
  readonly statusChanged = new Signal<unknown, Kernel.Status>(this);
  readonly kernelChanged = new Signal<unknown, unknown>(this);
  readonly sessionContext: ISessionContext;
  hasKernel = true;

  constructor() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const notebook = this;
    this.sessionContext = {
      get session() {
        return notebook.hasKernel ? { kernel: notebook.kernel } : null;
      },
      get kernelDisplayName() {
        return notebook.kernel.name === "tslab" ? "TypeScript" : "Python 3 (ipykernel)";
      },
      statusChanged: this.statusChanged,
      kernelChanged: this.kernelChanged,
    } as unknown as ISessionContext;
  }

  hasPendingCells(): boolean {
    return this.pending;
  }

  /** The kernel's status changes, as JupyterLab reports it. */
  setStatus(status: Kernel.Status): void {
    this.kernel.status = status;
    this.statusChanged.emit(status);
  }
}
