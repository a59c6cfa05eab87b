// Builds the web pages into the directory given as the first argument (ApiHost.csproj passes obj/.../wallboard): for the
// live wallboard (/live) and the tenant console (/app), one bundled, minified script each with its source map, the page
// and its stylesheet. Nothing here is served from node_modules at run time; each bundle carries the npm packages it uses.
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";

const outdir = process.argv[2];
if (!outdir) {
  console.error("usage: node build.mjs <output directory>");
  process.exit(2);
}
await mkdir(outdir, { recursive: true });
const bundle = (entry, outfile) => build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  sourcemap: true,
  target: ["es2022"],
  format: "esm",
  outfile: path.join(outdir, outfile),
  logLevel: "warning",
});
await Promise.all([bundle("src/live/main.ts", "app.js"), bundle("src/app/main.ts", "console.js")]);
await copyFile("src/live/index.html", path.join(outdir, "index.html"));
await copyFile("src/live/live.css", path.join(outdir, "live.css"));
await copyFile("src/app/console.html", path.join(outdir, "console.html"));
await copyFile("src/app/console.css", path.join(outdir, "console.css"));
