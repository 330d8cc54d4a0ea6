// Compiles the stylesheet and copies GOV.UK Frontend's script and assets into wwwroot.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import * as sass from "sass";

const result = sass.compile("Styles/app.scss", {
  loadPaths: ["node_modules"],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
mkdirSync("wwwroot/css", { recursive: true });
writeFileSync("wwwroot/css/app.css", result.css);

mkdirSync("wwwroot/lib/govuk", { recursive: true });
cpSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", "wwwroot/lib/govuk/govuk-frontend.min.js");
