/* bs-sign-dialog.h — one authorisation (passphrase, or the e-mailed code
 * when the auth method is OTP) signs every given document; progress that
 * counts what was signed, with cancel; then one summary ("29 signed, 121
 * failed: the service cannot be reached") and per document its output
 * ("Open", "Show in folder") or why it failed, and "Retry the failed
 * ones", which signs only those.
 *
 * It cannot be closed while it signs: closing (Escape, the window's close)
 * cancels first and closes once the batch stopped.
 *
 * Actions: sign.start (the button, Enter in the field), sign.cancel,
 * sign.retry-failed. Properties: "busy", "done" (a batch ended),
 * "summary", "message" (what went wrong before anything was signed), and
 * "n-documents" (how many this round signs).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-dialog.h"

G_BEGIN_DECLS

#define BS_TYPE_SIGN_DIALOG (bs_sign_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BsSignDialog, bs_sign_dialog, BS, SIGN_DIALOG, BsDialog)

/* @documents: BsAppDocument to sign (referenced by the dialog). */
GtkWidget  *bs_sign_dialog_new (BsAppContext *context, GPtrArray *documents);

G_END_DECLS
