/**
 * Turns the IOPub messages of one execute request into nbformat outputs, the way JupyterLab
 * shows them: consecutive writes to the same stream merged into one output, display updates
 * applied to the output they name (in any cell, through a shared `DisplayRegistry`). What is
 * stored per cell is capped so that a flood cannot exhaust memory or bloat the notebook; the
 * stderr text (where a tslab without gradbook's protocol fixes reports a cell's error) is kept
 * separately, bounded, so a flood on stdout never hides why a cell failed.
 */
import type {
  DisplayDataOutput,
  ExecuteResultOutput,
  JSONObject,
  MimeBundle,
  Output,
} from "../notebook";
import type { JupyterMessage } from "./wire";

/** Outputs that carry a display id, so that `update_display_data` can find them later. */
export class DisplayRegistry {
  private readonly byId = new Map<string, (DisplayDataOutput | ExecuteResultOutput)[]>();

  /** Remember `output` under `displayId`. */
  register(displayId: string, output: DisplayDataOutput | ExecuteResultOutput): void {
    const outputs = this.byId.get(displayId) ?? [];
    outputs.push(output);
    this.byId.set(displayId, outputs);
  }

  /** Replace the data of every output shown under `displayId`; false when there is none. */
  update(displayId: string, data: MimeBundle, metadata: JSONObject): boolean {
    const outputs = this.byId.get(displayId) ?? [];
    for (const output of outputs) {
      output.data = data;
      output.metadata = metadata;
    }
    return outputs.length > 0;
  }
}

/** What one execution wrote. */
export interface CollectedOutputs {
  outputs: Output[];
  /** Everything the cell wrote to stderr (its last `maxStderrChars` characters). */
  stderr: string;
  /** Characters of output that were not stored because of the cap. */
  droppedChars: number;
}

function objectField(content: JSONObject, key: string): JSONObject {
  const value = content[key];
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
}

function displayId(content: JSONObject): string | undefined {
  const id = objectField(content, "transient").display_id;
  return typeof id === "string" ? id : undefined;
}

/** Collects one execution's IOPub messages (see the file comment). */
export class OutputCollector {
  private readonly outputs: Output[] = [];
  private storedChars = 0;
  private droppedChars = 0;
  private droppedStream: "stdout" | "stderr" = "stdout";
  private stderr = "";

  /**
   * @param maxChars cap on the stored outputs of this execution, in characters of text and JSON
   * @param displays where display ids are registered and looked up
   * @param maxStderrChars cap on the kept stderr text
   */
  constructor(
    private readonly maxChars: number,
    private readonly displays: DisplayRegistry,
    private readonly maxStderrChars = 65_536,
  ) {}

  /** Handle one IOPub message whose parent is this execution. */
  add(message: JupyterMessage): void {
    const content = message.content;
    switch (message.header.msg_type) {
      case "stream":
        this.addStream(content.name === "stderr" ? "stderr" : "stdout", String(content.text ?? ""));
        break;
      case "display_data":
      case "execute_result":
        this.addRich(message.header.msg_type, content);
        break;
      case "update_display_data": {
        const id = displayId(content);
        if (id !== undefined) {
          this.displays.update(id, objectField(content, "data"), objectField(content, "metadata"));
        }
        break;
      }
      case "error": {
        const traceback = Array.isArray(content.traceback) ? content.traceback.map(String) : [];
        const output: Output = {
          output_type: "error",
          ename: String(content.ename ?? "Error"),
          evalue: String(content.evalue ?? ""),
          traceback,
        };
        this.store(output, JSON.stringify(output).length, "stderr");
        break;
      }
    }
  }

  /** The collected outputs, with a truncation marker at the end when something was dropped. */
  finish(): CollectedOutputs {
    const outputs = [...this.outputs];
    if (this.droppedChars > 0) {
      outputs.push({
        output_type: "stream",
        name: this.droppedStream,
        text:
          `\n[gradbook: output truncated: ${this.droppedChars} more characters were not kept ` +
          `(limit ${this.maxChars} per cell)]\n`,
      });
    }
    return { outputs, stderr: this.stderr, droppedChars: this.droppedChars };
  }

  private keepStderr(text: string): void {
    this.stderr = (this.stderr + text).slice(-this.maxStderrChars);
  }

  private addStream(name: "stdout" | "stderr", text: string): void {
    if (name === "stderr") {
      this.keepStderr(text);
    }
    const room = this.maxChars - this.storedChars;
    const kept = this.droppedChars > 0 ? "" : text.slice(0, Math.max(room, 0));
    if (kept.length < text.length) {
      this.noteDropped(text.length - kept.length, name);
    }
    if (kept === "") {
      return;
    }
    this.storedChars += kept.length;
    const last = this.outputs[this.outputs.length - 1];
    if (last?.output_type === "stream" && last.name === name) {
      last.text = String(last.text) + kept;
    } else {
      this.outputs.push({ output_type: "stream", name, text: kept });
    }
  }

  private addRich(type: "display_data" | "execute_result", content: JSONObject): void {
    const data = objectField(content, "data");
    const metadata = objectField(content, "metadata");
    const output: DisplayDataOutput | ExecuteResultOutput =
      type === "display_data"
        ? { output_type: "display_data", data, metadata }
        : {
            output_type: "execute_result",
            execution_count:
              typeof content.execution_count === "number" ? content.execution_count : null,
            data,
            metadata,
          };
    if (this.store(output, JSON.stringify(data).length, "stdout")) {
      const id = displayId(content);
      if (id !== undefined) {
        this.displays.register(id, output);
      }
    }
  }

  private store(output: Output, size: number, stream: "stdout" | "stderr"): boolean {
    if (this.droppedChars > 0 || this.storedChars + size > this.maxChars) {
      this.noteDropped(size, stream);
      return false;
    }
    this.storedChars += size;
    this.outputs.push(output);
    return true;
  }

  private noteDropped(chars: number, stream: "stdout" | "stderr"): void {
    if (this.droppedChars === 0) {
      this.droppedStream = stream;
    }
    this.droppedChars += chars;
  }
}
