/**
 * tslab's kernel_info_reply (`JupyterHandlerImpl.prototype.handleKernel` in dist/jupyter.js),
 * completed to the messaging protocol 5.3: a `status`, the versions that really run (tslab 1.0.22
 * says implementation 1.0.0 and TypeScript 3.7.2 while compiling with TypeScript 5.0), Pygments'
 * lexer name (nbconvert highlights exported code with it), `help_links` (JupyterLab's Help menu)
 * and `debugger: false` (JupyterLab then offers no debugger the kernel lacks).
 */

type JSONRecord = Record<string, unknown>;

/** What the reply reports besides tslab's own fields. */
export interface KernelVersions {
  /** tslab's package version. */
  tslab: string;
  /** The TypeScript compiler tslab compiles cells with. */
  typescript: string;
}

const HELP_LINKS = [
  { text: "tslab", url: "https://github.com/yunabe/tslab" },
  { text: "TypeScript Handbook", url: "https://www.typescriptlang.org/docs/handbook/" },
  { text: "Node.js API", url: "https://nodejs.org/api/" },
];

const INSTALLED = Symbol.for("gradbook.tslabKernelInfo");

/** tslab's kernel_info content completed with `versions` (see the file comment). */
export function completeKernelInfo(info: JSONRecord, versions: KernelVersions): JSONRecord {
  const language = (info.language_info ?? {}) as JSONRecord;
  const typescript = language.name === "typescript";
  return {
    ...info,
    status: "ok",
    protocol_version: "5.3",
    implementation: info.implementation ?? "tslab",
    implementation_version: versions.tslab,
    language_info: {
      ...language,
      version: typescript ? versions.typescript : language.version,
      pygments_lexer: typescript ? "typescript" : "javascript",
    },
    banner: `tslab ${versions.tslab}: ${typescript ? `TypeScript ${versions.typescript}` : "JavaScript"} on Node.js ${process.versions.node}`,
    help_links: HELP_LINKS,
    debugger: false,
  };
}

/** Wrap `JupyterHandlerImpl.prototype.handleKernel`; returns false when already installed. */
export function completeKernelInfoReplies(
  HandlerClass: { prototype: { handleKernel(): JSONRecord } },
  versions: KernelVersions,
): boolean {
  const prototype = HandlerClass.prototype as { handleKernel(): JSONRecord; [INSTALLED]?: true };
  if (prototype[INSTALLED]) {
    return false;
  }
  const handleKernel = prototype.handleKernel;
  prototype.handleKernel = function (this: unknown) {
    return completeKernelInfo(handleKernel.call(this), versions);
  };
  Object.defineProperty(prototype, INSTALLED, { value: true });
  return true;
}
