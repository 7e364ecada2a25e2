/* bs-certificate-dialog.h — "Sertifikat Elektronik": change the passphrase
 * (checked before sending), reset it, request issuance, revoke (a reason
 * and an explicit confirmation). Each shows the service's answer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-window.h"

G_BEGIN_DECLS

#define BS_TYPE_CERTIFICATE_DIALOG (bs_certificate_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BsCertificateDialog, bs_certificate_dialog, BS, CERTIFICATE_DIALOG, GtkWindow)

GtkWidget  *bs_certificate_dialog_new (BsWindow *window, BsCertAction action);
/* Fills the fields (NULL leaves one empty) and submits (UI tests). @reason
 * indexes the revocation reasons. */
void        bs_certificate_dialog_submit (BsCertificateDialog *self, const char *current, const char *fresh,
                                          const char *confirm, guint reason, gboolean agree);
/* The answer or the error shown, or NULL while waiting. */
const char *bs_certificate_dialog_get_message (BsCertificateDialog *self);
gboolean    bs_certificate_dialog_succeeded (BsCertificateDialog *self);

G_END_DECLS
