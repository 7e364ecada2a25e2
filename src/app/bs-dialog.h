/* bs-dialog.h — what every dialog of the window is: modal over the window,
 * working on the application context it was made with (construct-only),
 * closed with Escape as well as its buttons.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-app-context.h"

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BS_TYPE_DIALOG (bs_dialog_get_type ())
G_DECLARE_DERIVABLE_TYPE (BsDialog, bs_dialog, BS, DIALOG, GtkWindow)

struct _BsDialogClass {
  GtkWindowClass parent_class;
};

/* The context (transfer none). */
BsAppContext *bs_dialog_get_context (BsDialog *self);
/* For a subclass's dispose: drops the window's content and clears the
 * template children of @type. */
void          bs_dialog_dispose_template (BsDialog *self, GType type);

G_END_DECLS
