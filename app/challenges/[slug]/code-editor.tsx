"use client";
import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import { Compartment, EditorState, StateEffect, StateField, type Extension, type Range } from "@codemirror/state";
import {
  Decoration,
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  lineNumbers,
  type DecorationSet,
} from "@codemirror/view";
import type { CompletionSource } from "@codemirror/autocomplete";
import type { TPolicyKind } from "@/core/index";
import type { editorSupport } from "./editor-extras";

/** A span of the text to mark: the deciding statement, a failing condition, ... */
export type THighlight = { from: number; to: number; tone: "allow" | "deny" | "miss" | "focus" };

export type TCodeEditorHandle = {
  /** replaces the whole text (one undoable change) */
  setText(text: string): void;
  getText(): string;
  focus(): void;
};

const setHighlights = StateEffect.define<THighlight[]>();

const TONE_CLASS: Record<THighlight["tone"], string> = {
  allow: "cm-bastion-allow",
  deny: "cm-bastion-deny",
  miss: "cm-bastion-miss",
  focus: "cm-bastion-focus",
};

const highlightField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setHighlights)) continue;
      const len = tr.state.doc.length;
      const ranges: Range<Decoration>[] = [];
      for (const h of e.value) {
        const from = Math.max(0, Math.min(h.from, len));
        const to = Math.max(from, Math.min(h.to, len));
        if (to > from) ranges.push(Decoration.mark({ class: TONE_CLASS[h.tone] }).range(from, to));
      }
      deco = Decoration.set(ranges, true);
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const theme = EditorView.theme({
  "&": { fontSize: "13px", backgroundColor: "#fff", height: "100%" },
  ".cm-scroller": { fontFamily: "var(--font-mono)", lineHeight: "1.55" },
  ".cm-content": { padding: "8px 0" },
  ".cm-gutters": { backgroundColor: "#f8fafc", color: "#475569", borderRight: "1px solid #e2e8f0" },
  "&.cm-focused": { outline: "2px solid #2552e0", outlineOffset: "-2px" },
  ".cm-activeLine": { backgroundColor: "#f1f5f9" },
  ".cm-activeLineGutter": { backgroundColor: "#e2e8f0", color: "#0f172a" },
  ".cm-bastion-allow": { backgroundColor: "#d1fae5", boxShadow: "inset 0 -2px 0 #047857" },
  ".cm-bastion-deny": { backgroundColor: "#fee2e2", boxShadow: "inset 0 -2px 0 #b91c1c" },
  ".cm-bastion-miss": { backgroundColor: "#fef3c7", boxShadow: "inset 0 -2px 0 #b45309" },
  ".cm-bastion-focus": { backgroundColor: "#dbe6fe" },
  ".cm-tooltip-lint": { maxWidth: "min(90vw, 28rem)" },
  ".cm-diagnosticText": { whiteSpace: "pre-wrap" },
});

/** Each page loads only its own grammar: policy pages never download the JavaScript parser. */
function loadLanguage(language: "json" | "javascript"): Promise<Extension> {
  return language === "json"
    ? import("@codemirror/lang-json").then((m) => m.json())
    : import("@codemirror/lang-javascript").then((m) => m.javascript());
}

/**
 * Everything but the view itself arrives just after the editor is created (editor-extras.ts):
 * highlighting, brackets, keymaps and history, completion, linting. Not part of the page's
 * first-load JavaScript (issue #7); the editor shows its text right away.
 */
function loadSupport(opts: Parameters<typeof editorSupport>[0]): Promise<Extension> {
  return import("./editor-extras").then((m) => m.editorSupport(opts));
}

export const CodeEditor = forwardRef<
  TCodeEditorHandle,
  {
    initialText: string;
    language: "json" | "javascript";
    /** policy kinds: the grammar the linter checks */
    policyKind?: TPolicyKind;
    readOnly?: boolean;
    label: string;
    describedBy?: string;
    highlights?: THighlight[];
    completions?: CompletionSource;
    onChange?: (text: string) => void;
    className?: string;
  }
>(function CodeEditor(
  { initialText, language, policyKind, readOnly, label, describedBy, highlights, completions, onChange, className },
  ref,
) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return;
    const extensions: Extension[] = [
      lineNumbers(),
      highlightActiveLineGutter(),
      drawSelection(),
      highlightActiveLine(),
      highlightField,
      theme,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({
        "aria-label": label,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      }),
    ];
    const lang = new Compartment();
    const support = new Compartment();
    extensions.push(lang.of([]), support.of([]));
    if (readOnly) {
      extensions.push(EditorState.readOnly.of(true), EditorView.editable.of(false));
      extensions.push(EditorView.contentAttributes.of({ tabindex: "0" }));
    } else {
      extensions.push(
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChangeRef.current?.(u.state.doc.toString());
        }),
      );
    }
    const v = new EditorView({ parent: host.current, state: EditorState.create({ doc: initialText, extensions }) });
    view.current = v;
    let isDestroyed = false;
    void loadLanguage(language).then((ext) => {
      if (!isDestroyed) v.dispatch({ effects: lang.reconfigure(ext) });
    });
    void loadSupport({ language, policyKind, completions, readOnly: !!readOnly }).then((ext) => {
      if (!isDestroyed) v.dispatch({ effects: support.reconfigure(ext) });
    });
    return () => {
      isDestroyed = true;
      v.destroy();
      view.current = null;
    };
    // Created once per mount: later text changes go through the handle (or the effect below).
  }, []);

  // Read-only views follow their text prop.
  useEffect(() => {
    const v = view.current;
    if (!v || !readOnly) return;
    if (v.state.doc.toString() !== initialText) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: initialText } });
    }
  }, [initialText, readOnly]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const list = highlights ?? [];
    const effects: StateEffect<unknown>[] = [setHighlights.of(list)];
    const first = list.find((h) => h.tone !== "focus") ?? list[0];
    if (first && first.from <= v.state.doc.length) effects.push(EditorView.scrollIntoView(first.from, { y: "nearest" }));
    v.dispatch({ effects });
  }, [highlights]);

  useImperativeHandle(
    ref,
    () => ({
      setText(text: string) {
        const v = view.current;
        if (!v) return;
        v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
      },
      getText: () => view.current?.state.doc.toString() ?? "",
      focus: () => view.current?.focus(),
    }),
    [],
  );

  return <div ref={host} className={className} />;
});
