// What the answer editor adds to its view once it is on screen: syntax highlighting and bracket
// matching, and for an editable one the keymaps and undo history, closing brackets, autocompletion
// and the linters (policy diagnostics, JavaScript syntax errors). Loaded right after the editor is
// created, so none of it is part of the challenge page's first-load JavaScript (issue #7).
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import {
  bracketMatching,
  defaultHighlightStyle,
  ensureSyntaxTree,
  indentOnInput,
  syntaxHighlighting,
} from "@codemirror/language";
import { linter, lintGutter, lintKeymap, type Diagnostic } from "@codemirror/lint";
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
  type CompletionSource,
} from "@codemirror/autocomplete";
import { keymap } from "@codemirror/view";
import type { Extension } from "@codemirror/state";
import { parsePolicy, type TPolicyKind } from "@/core/index";

const SEVERITY: Record<string, Diagnostic["severity"]> = { error: "error", warning: "warning", suggestion: "info" };

function policyLinter(kind: TPolicyKind): Extension {
  return linter(
    (view) => {
      const text = view.state.doc.toString();
      const len = text.length;
      return parsePolicy(text, { kind }).diagnostics.map((d) => {
        let from = Math.max(0, Math.min(d.range.from, len));
        let to = Math.max(from, Math.min(d.range.to, len));
        // Zero-width ranges (a missing key, the end of the text) still need something to underline.
        if (to === from) {
          if (to < len) to += 1;
          else if (from > 0) from -= 1;
        }
        return { from, to, severity: SEVERITY[d.severity] ?? "info", source: d.code, message: d.message };
      });
    },
    { delay: 300 },
  );
}

/** JavaScript: the parser's error nodes (no eval: the code only ever runs in the grader's sandbox). */
const javascriptSyntaxLinter = linter(
  (view) => {
    const tree = ensureSyntaxTree(view.state, view.state.doc.length, 500);
    if (!tree) return [];
    const len = view.state.doc.length;
    const out: Diagnostic[] = [];
    tree.iterate({
      enter(node) {
        if (!node.type.isError) return;
        let from = node.from;
        let to = node.to;
        if (to === from) {
          if (to < len) to += 1;
          else if (from > 0) from -= 1;
        }
        const line = view.state.doc.lineAt(from);
        out.push({
          from,
          to,
          severity: "error",
          source: "syntax",
          message: `syntax error on line ${line.number}: the code cannot be parsed here`,
        });
      },
    });
    return out.slice(0, 20);
  },
  // The grammar arrives after the editor (loaded on demand): lint again once it is configured.
  { delay: 300, needsRefresh: (u) => u.transactions.some((t) => t.reconfigured) },
);

/** The editor's support extensions; the keymap is the one the editor always had, in the same order. */
export function editorSupport(opts: {
  language: "json" | "javascript";
  readOnly: boolean;
  policyKind?: TPolicyKind;
  completions?: CompletionSource;
}): Extension {
  const base = [bracketMatching(), syntaxHighlighting(defaultHighlightStyle, { fallback: true })];
  if (opts.readOnly) return base;
  return [
    ...base,
    history(),
    indentOnInput(),
    closeBrackets(),
    autocompletion({ override: opts.completions ? [opts.completions] : undefined }),
    lintGutter(),
    opts.language === "json" && opts.policyKind ? policyLinter(opts.policyKind) : javascriptSyntaxLinter,
    // Tab indents; Escape then Tab leaves the editor (CodeMirror's documented escape hatch).
    keymap.of([
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...historyKeymap,
      ...completionKeymap,
      ...lintKeymap,
      indentWithTab,
    ]),
  ];
}
