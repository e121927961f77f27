// `npm start -- <jupyter lab options>`: the user's options replace the start script's defaults
// in every spelling Jupyter accepts, and the printed URL works for the address served on.
import { describe, expect, it } from "vitest";
import { labArguments, settingOf, valueOf } from "../../../scripts/lib/lab-options.mjs";
import { advertisedUrls, loggedUrl } from "../../../scripts/lib/server-url.mjs";

const DEFAULTS = ["--ip=127.0.0.1", "--ServerApp.root_dir=/course/notebooks", "--LabApp.news_url="];

describe("the options npm start passes to jupyter lab", () => {
  it("reads every spelling of a setting as one name", () => {
    expect(settingOf("--ip=0.0.0.0")).toBe("ServerApp.ip");
    expect(settingOf("--ip")).toBe("ServerApp.ip");
    expect(settingOf("--ServerApp.ip=0.0.0.0")).toBe("ServerApp.ip");
    expect(settingOf("--NotebookApp.ip=0.0.0.0")).toBe("ServerApp.ip");
    expect(settingOf("--notebook-dir=/srv")).toBe("ServerApp.root_dir");
    expect(settingOf("--ServerApp.notebook_dir=/srv")).toBe("ServerApp.root_dir");
    expect(settingOf("--ServerApp.root-dir=/srv")).toBe("ServerApp.root_dir");
    expect(settingOf("--no-browser")).toBe("no-browser");
    expect(settingOf("0.0.0.0")).toBeNull();
  });

  it.each([
    [["--ip=0.0.0.0"]],
    [["--ip", "0.0.0.0"]],
    [["--ServerApp.ip=0.0.0.0"]],
    [["--ServerApp.ip", "0.0.0.0"]],
    [["--NotebookApp.ip=0.0.0.0"]],
  ])("lets %j replace the default --ip instead of giving Jupyter two", (user) => {
    const args = labArguments(DEFAULTS, user);
    expect(args.filter((arg) => settingOf(arg) === "ServerApp.ip")).toHaveLength(1);
    expect(valueOf(args, "ServerApp.ip")).toBe("0.0.0.0");
    expect(args).toContain("--ServerApp.root_dir=/course/notebooks");
  });

  it("replaces the root folder and the news URL, keeps what the user did not set", () => {
    const user = [
      "--notebook-dir",
      "/srv/class",
      "--LabApp.news_url=https://example.org",
      "--port=9000",
    ];
    const args = labArguments(DEFAULTS, user);
    expect(args).toEqual(["--ip=127.0.0.1", ...user]);
    expect(valueOf(args, "ServerApp.root_dir")).toBe("/srv/class");
    expect(valueOf(args, "ServerApp.port")).toBe("9000");
  });

  it("takes the last value when the user repeats a setting, and none for a flag", () => {
    expect(valueOf(["--port=1", "--port", "2"], "ServerApp.port")).toBe("2");
    expect(valueOf(["--no-browser", "--ip=x"], "no-browser")).toBeUndefined();
    expect(valueOf([], "ServerApp.ip")).toBeUndefined();
  });
});

describe("the URL npm start prints", () => {
  const machine = {
    hostname: "lab-host",
    addresses: [{ address: "10.1.2.3", interface: "eth0" }],
  };

  it("reads the port, path and token from Jupyter's log line", () => {
    expect(
      loggedUrl("[I 12:00:00.000 ServerApp]     http://127.0.0.1:8890/lab?token=abc123"),
    ).toEqual({ scheme: "http", host: "127.0.0.1", port: 8890, path: "/lab", token: "abc123" });
    expect(loggedUrl("[I ServerApp] http://lab-host:8888/base/lab?token=...")).toMatchObject({
      host: "lab-host",
      path: "/base/lab",
      token: null,
    });
    expect(loggedUrl("[I ServerApp] Serving notebooks from local directory: /srv")).toBeNull();
  });

  it("names the address it serves on, with the token the user gave", () => {
    const logged = loggedUrl("http://localhost:8888/lab?token=...")!;
    expect(advertisedUrls(logged, "127.0.0.1", "s3cret", machine)).toEqual([
      { url: "http://127.0.0.1:8888/lab?token=s3cret", note: "" },
    ]);
    expect(advertisedUrls(logged, "course.example.org", "s3cret", machine)[0].url).toBe(
      "http://course.example.org:8888/lab?token=s3cret",
    );
    expect(advertisedUrls(logged, "::1", "", machine)[0].url).toBe("http://[::1]:8888/lab");
  });

  it("lists this machine's addresses and name for 0.0.0.0", () => {
    const logged = loggedUrl("http://lab-host:8891/lab?token=f00d")!;
    expect(advertisedUrls(logged, "0.0.0.0", undefined, machine)).toEqual([
      { url: "http://127.0.0.1:8891/lab?token=f00d", note: "on this machine" },
      { url: "http://10.1.2.3:8891/lab?token=f00d", note: "from other machines (eth0)" },
      { url: "http://lab-host:8891/lab?token=f00d", note: "by this machine's name" },
    ]);
  });
});
