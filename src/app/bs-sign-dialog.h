/* bs-sign-dialog.h — one authorisation (passphrase, or the e-mailed code
 * when the auth method is OTP) signs every listed document; progress with
 * cancel; then per document the output ("Open", "Show in folder") or why
 * it failed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-window.h"

G_BEGIN_DECLS

#define BS_TYPE_SIGN_DIALOG (bs_sign_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BsSignDialog, bs_sign_dialog, BS, SIGN_DIALOG, GtkWindow)

/* @documents: BsAppDocument (borrowed for the dialog's life). */
GtkWidget  *bs_sign_dialog_new     (BsWindow *window, GPtrArray *documents);
/* Types the passphrase/code and presses "Sign" (UI tests). */
void        bs_sign_dialog_submit  (BsSignDialog *self, const char *secret);
/* TRUE once signing ended (results shown, or an error). */
gboolean    bs_sign_dialog_is_done (BsSignDialog *self);
/* The BsSignResult of each document once done, or NULL. */
GPtrArray  *bs_sign_dialog_get_results (BsSignDialog *self);
const char *bs_sign_dialog_get_message (BsSignDialog *self);

G_END_DECLS
