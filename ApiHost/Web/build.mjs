// Builds the live wallboard into the directory given as the first argument (ApiHost.csproj passes obj/.../wallboard):
// one bundled, minified script with its source map, the page and its stylesheet. Nothing here is served from
// node_modules at run time; the bundle carries the npm packages it uses.
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";

const outdir = process.argv[2];
if (!outdir) {
  console.error("usage: node build.mjs <output directory>");
  process.exit(2);
}
await mkdir(outdir, { recursive: true });
await build({
  entryPoints: ["src/live/main.ts"],
  bundle: true,
  minify: true,
  sourcemap: true,
  target: ["es2022"],
  format: "esm",
  outfile: path.join(outdir, "app.js"),
  logLevel: "warning",
});
await copyFile("src/live/index.html", path.join(outdir, "index.html"));
await copyFile("src/live/live.css", path.join(outdir, "live.css"));
