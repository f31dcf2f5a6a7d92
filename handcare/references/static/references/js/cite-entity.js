// The Draftail "Cite" control: choose a reference in the snippet chooser, get a citation chip.
// Plain script, no build step: React, Draft.js and Draftail come from Wagtail's own globals.
(() => {
  'use strict';

  const React = window.React;
  const { EditorState, Modifier } = window.DraftJS;
  const { ModalWorkflowSource, registerPlugin } = window.draftail;

  const CITE = 'CITE';

  // A collapsed selection just after the current one, moved past any entity it falls inside:
  // splitting a chip would strip its entity, and a citation belongs after a link, not in it.
  const insertionPoint = (editorState) => {
    const selection = editorState.getSelection();
    const blockKey = selection.getEndKey();
    const block = editorState.getCurrentContent().getBlockForKey(blockKey);
    let offset = selection.getEndOffset();
    block.findEntityRanges(
      (character) => character.getEntity() !== null,
      (start, end) => {
        if (start < offset && offset < end) {
          offset = end;
        }
      },
    );
    return selection.merge({
      anchorKey: blockKey,
      anchorOffset: offset,
      focusKey: blockKey,
      focusOffset: offset,
      isBackward: false,
    });
  };

  // Opens the reference chooser; Wagtail's ModalWorkflowSource handles opening and closing it.
  class CiteSource extends ModalWorkflowSource {
    getChooserConfig() {
      const { referenceChooser } = this.props.entityType.chooserUrls;
      return {
        url: referenceChooser,
        urlParams: {},
        onload: window.CHOOSER_MODAL_ONLOAD_HANDLERS,
        responses: { chosen: this.onChosen },
      };
    }

    filterEntityData(data) {
      return { key: data.key };
    }

    // Inserts the chip after the selection, never over it: citing must not delete the claim.
    onChosen(data) {
      const { editorState, entityType, onComplete } = this.props;
      let content = editorState
        .getCurrentContent()
        .createEntity(entityType.type, 'IMMUTABLE', this.filterEntityData(data));
      const entityKey = content.getLastCreatedEntityKey();
      content = Modifier.insertText(
        content,
        insertionPoint(editorState),
        data.label || data.key,
        null,
        entityKey,
      );
      this.workflow.close();
      onComplete(EditorState.push(editorState, content, 'insert-characters'));
    }
  }

  // The chip the editor sees; its text is the reference's label, its data the key.
  const CiteChip = ({ entityKey, contentState, children }) => {
    const { key } = contentState.getEntity(entityKey).getData();
    return React.createElement(
      'span',
      { className: 'cite-chip', 'data-cite-key': key, title: `Cites [cite:${key}]` },
      children,
    );
  };

  registerPlugin({ type: CITE, source: CiteSource, decorator: CiteChip }, 'entityTypes');
})();
