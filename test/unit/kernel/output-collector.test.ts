import { describe, expect, test } from "vitest";
import { cellErrorText } from "../../../src/kernel/error-text";
import { DisplayRegistry, OutputCollector } from "../../../src/kernel/output-collector";
import { createMessage, type JupyterMessage } from "../../../src/kernel/wire";
import type { JSONObject } from "../../../src/notebook";

function iopub(type: string, content: JSONObject): JupyterMessage {
  return createMessage(type, "session", content);
}

const stdout = (text: string): JupyterMessage => iopub("stream", { name: "stdout", text });
const stderr = (text: string): JupyterMessage => iopub("stream", { name: "stderr", text });

describe("OutputCollector", () => {
  test("merges consecutive writes to the same stream, as JupyterLab shows them", () => {
    const collector = new OutputCollector(1000, new DisplayRegistry());
    [stdout("a\n"), stdout("b\n"), stderr("oops\n"), stdout("c\n")].forEach((m) =>
      collector.add(m),
    );
    expect(collector.finish()).toEqual({
      outputs: [
        { output_type: "stream", name: "stdout", text: "a\nb\n" },
        { output_type: "stream", name: "stderr", text: "oops\n" },
        { output_type: "stream", name: "stdout", text: "c\n" },
      ],
      stderr: "oops\n",
      droppedChars: 0,
    });
  });

  test("keeps display_data and execute_result, and ignores status and unknown messages", () => {
    const collector = new OutputCollector(1000, new DisplayRegistry());
    collector.add(iopub("display_data", { data: { "text/html": "<b>x</b>" }, metadata: {} }));
    collector.add(iopub("status", { execution_state: "busy" }));
    collector.add(iopub("comm_open", { comm_id: "c" }));
    collector.add(
      iopub("execute_result", { data: { "text/plain": "3" }, metadata: {}, execution_count: 4 }),
    );
    expect(collector.finish().outputs).toEqual([
      { output_type: "display_data", data: { "text/html": "<b>x</b>" }, metadata: {} },
      {
        output_type: "execute_result",
        data: { "text/plain": "3" },
        metadata: {},
        execution_count: 4,
      },
    ]);
  });

  test("applies update_display_data to the display it names, also one from an earlier cell", () => {
    const displays = new DisplayRegistry();
    const first = new OutputCollector(1000, displays);
    first.add(
      iopub("display_data", {
        data: { "text/plain": "0%" },
        metadata: {},
        transient: { display_id: "bar" },
      }),
    );
    first.add(
      iopub("update_display_data", {
        data: { "text/plain": "50%" },
        metadata: {},
        transient: { display_id: "bar" },
      }),
    );
    const firstOutputs = first.finish().outputs;
    expect(firstOutputs).toEqual([
      { output_type: "display_data", data: { "text/plain": "50%" }, metadata: {} },
    ]);
    const second = new OutputCollector(1000, displays);
    second.add(
      iopub("update_display_data", {
        data: { "text/plain": "100%" },
        metadata: {},
        transient: { display_id: "bar" },
      }),
    );
    expect(second.finish().outputs).toEqual([]);
    expect(firstOutputs[0]).toMatchObject({ data: { "text/plain": "100%" } });
  });

  test("an error message becomes an error output, not stderr text", () => {
    const collector = new OutputCollector(1000, new DisplayRegistry());
    collector.add(
      iopub("error", { ename: "TypeError", evalue: "x is undefined", traceback: ["t1"] }),
    );
    const result = collector.finish();
    expect(result.outputs).toEqual([
      { output_type: "error", ename: "TypeError", evalue: "x is undefined", traceback: ["t1"] },
    ]);
    expect(result.stderr).toBe("");
  });

  test("caps stored output, marks the cut, and still keeps the stderr that explains a failure", () => {
    const collector = new OutputCollector(100, new DisplayRegistry());
    for (let i = 0; i < 50; i++) {
      collector.add(stdout(`line ${i}\n`));
    }
    collector.add(iopub("display_data", { data: { "text/plain": "lost" }, metadata: {} }));
    collector.add(stderr("Error: boom\n"));
    const result = collector.finish();
    const kept = result.outputs[0];
    expect(kept).toMatchObject({ output_type: "stream", name: "stdout" });
    expect(String(kept.output_type === "stream" && kept.text)).toHaveLength(100);
    const total = Array.from({ length: 50 }, (_, i) => `line ${i}\n`).join("").length;
    const dropped =
      total - 100 + JSON.stringify({ "text/plain": "lost" }).length + "Error: boom\n".length;
    expect(result.droppedChars).toBe(dropped);
    expect(result.outputs).toHaveLength(2);
    expect(result.outputs[1]).toEqual({
      output_type: "stream",
      name: "stdout",
      text: `\n[gradbook: output truncated: ${dropped} more characters were not kept (limit 100 per cell)]\n`,
    });
    expect(result.stderr).toBe("Error: boom\n");
  });

  test("bounds the kept stderr text to its last characters", () => {
    const collector = new OutputCollector(10, new DisplayRegistry(), 8);
    collector.add(stderr("0123456789abcdef"));
    expect(collector.finish().stderr).toBe("89abcdef");
  });
});

describe("cellErrorText", () => {
  test("keeps the message and the cell's frames, drops tslab's and Node's", () => {
    const stderr = [
      "evalmachine.<anonymous>:2",
      'throw new Error("boom");',
      "^",
      "",
      "Error: boom",
      "    at evalmachine.<anonymous>:2:7",
      "    at sigintHandlersWrap (node:vm:280:12)",
      "    at Script.runInThisContext (node:vm:135:14)",
      "    at Object.execute (/work/main/node_modules/tslab/dist/executor.js:160:38)",
      "    at async ZmqServer.handleExecute (/work/main/node_modules/tslab/dist/jupyter.js:406:25)",
      "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
      "",
    ].join("\n");
    expect(cellErrorText(stderr)).toBe(
      'evalmachine.<anonymous>:2\nthrow new Error("boom");\n^\n\nError: boom\n    at evalmachine.<anonymous>:2:7',
    );
    expect(cellErrorText("1:5 - Type 'string' is not assignable to type 'number'.\n")).toBe(
      "1:5 - Type 'string' is not assignable to type 'number'.",
    );
  });
});
