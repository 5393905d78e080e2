// Completion, hover and markers for the Studio's Monaco editor. BlazorMonaco 3 has no C# API for these,
// so they are registered here and call back into the SqlEditor component through a DotNetObjectReference.
window.meshSqlEditor = {
    byModel: {},
    registered: false,

    attach: function (editorId, dotnetRef) {
        const editor = blazorMonaco.editor.getEditor(editorId);
        this.byModel[editor.getModel().uri.toString()] = dotnetRef;
        if (this.registered) return;
        this.registered = true;
        const self = this;

        monaco.languages.registerCompletionItemProvider('sql', {
            triggerCharacters: ['.'],
            provideCompletionItems: async function (model, position) {
                const ref = self.byModel[model.uri.toString()];
                if (!ref) return { suggestions: [] };
                const word = model.getWordUntilPosition(position);
                const range = {
                    startLineNumber: position.lineNumber, endLineNumber: position.lineNumber,
                    startColumn: word.startColumn, endColumn: word.endColumn
                };
                const items = await ref.invokeMethodAsync('GetCompletions', model.getValue(), model.getOffsetAt(position));
                return {
                    suggestions: items.map(function (i) {
                        return {
                            label: i.label,
                            kind: monaco.languages.CompletionItemKind[i.kind] ?? monaco.languages.CompletionItemKind.Text,
                            insertText: i.insertText,
                            detail: i.detail,
                            documentation: i.documentation || undefined,
                            range: range
                        };
                    })
                };
            }
        });

        monaco.languages.registerHoverProvider('sql', {
            provideHover: async function (model, position) {
                const ref = self.byModel[model.uri.toString()];
                const word = model.getWordAtPosition(position);
                if (!ref || !word) return null;
                const text = await ref.invokeMethodAsync('GetHover', model.getValue(), model.getOffsetAt(position), word.word);
                if (!text) return null;
                return {
                    range: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn),
                    contents: [{ value: text }]
                };
            }
        });
    },

    detach: function (editorId) {
        const editor = blazorMonaco.editor.getEditor(editorId, true);
        if (editor) delete this.byModel[editor.getModel().uri.toString()];
    },

    setMarkers: function (editorId, markers) {
        const editor = blazorMonaco.editor.getEditor(editorId, true);
        if (!editor) return;
        const model = editor.getModel();
        monaco.editor.setModelMarkers(model, 'meshstudio', markers.map(function (m) {
            const line = Math.min(Math.max(m.line, 1), model.getLineCount());
            const word = model.getWordAtPosition({ lineNumber: line, column: m.column });
            return {
                startLineNumber: line,
                startColumn: m.column,
                endLineNumber: line,
                endColumn: word ? word.endColumn : m.column + 1,
                message: m.message,
                severity: m.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Error
            };
        }));
    }
};
