import { setName, useIdentity } from '../../ui/identity.js';
import { useEditor, useEditorStore } from '../core/EditorStoreProvider.js';
import type { EditorDialog } from '../core/editorStore.js';
import { useOpenBoard } from '../core/openBoard.js';
import { NameDialog } from '../presence/NameDialog.js';
import { ShareDialog } from './ShareDialog.js';
import { ShortcutsDialog } from './ShortcutsDialog.js';
import { SurveyImportDialog } from '../survey/SurveyImportDialog.js';
import { useViewportCommands } from '../core/useViewportControls.js';

/** The board page's open dialog, if any: share links, shortcuts, survey import or my name. */
export function EditorDialogs() {
  const { session, role } = useOpenBoard();
  const { dispatch } = useEditorStore();
  const dialog = useEditor((s) => s.dialog);
  const { focusItem } = useViewportCommands();
  const identity = useIdentity();
  const close = (which: EditorDialog) => () => dispatch({ type: 'closeDialog', dialog: which });
  switch (dialog) {
    case null:
      return null;
    case 'shortcuts':
      return <ShortcutsDialog onClose={close('shortcuts')} />;
    case 'surveyImport':
      return (
        <SurveyImportDialog
          session={session}
          onFocusItem={focusItem}
          onClose={close('surveyImport')}
        />
      );
    case 'share':
      return <ShareDialog session={session} role={role} onClose={close('share')} />;
    case 'name':
      return (
        <NameDialog
          initial={identity.named ? identity.name : ''}
          onSave={(name) => {
            setName(name);
            dispatch({ type: 'closeDialog', dialog: 'name' });
          }}
          onCancel={close('name')}
        />
      );
  }
}
