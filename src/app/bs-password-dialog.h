/* bs-password-dialog.h — asks for the password that opens a
 * password-protected PDF (its user or owner password): a password field
 * (Enter submits, Escape cancels), and what went wrong when a password
 * did not open it. The page that asked takes the password, tries it, and
 * closes the dialog or says it was wrong; nothing typed stays in the
 * field.
 *
 * Action: password.submit (the button, Enter). Signal "submitted" (the
 * password is ready to be taken). Properties: "busy" (being tried),
 * "message" (NULL, or why it is asked again).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-dialog.h"

G_BEGIN_DECLS

#define BS_TYPE_PASSWORD_DIALOG (bs_password_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BsPasswordDialog, bs_password_dialog, BS, PASSWORD_DIALOG, BsDialog)

/* For the document called @document_name (its file name). */
GtkWidget *bs_password_dialog_new           (BsAppContext *context, const char *document_name);
/* The password typed (transfer full); the field is emptied. */
BsSecret  *bs_password_dialog_take_password (BsPasswordDialog *self);
/* Being tried: the field waits. */
void       bs_password_dialog_set_busy      (BsPasswordDialog *self, gboolean busy);
/* It did not open the document: said, and asked again. */
void       bs_password_dialog_set_wrong     (BsPasswordDialog *self);

G_END_DECLS
