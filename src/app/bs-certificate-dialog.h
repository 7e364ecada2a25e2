/* bs-certificate-dialog.h — "Sertifikat Elektronik", each flow completed
 * here, the certificate's status shown in words at the top:
 *   change the passphrase (checked before sending);
 *   reset it: a link is e-mailed, then its token and the new passphrase;
 *   issuance: what it does is said and confirmed first (no signing until
 *     it is finished), a link is e-mailed, then its token and the new
 *     certificate's passphrase — a request already waiting goes straight
 *     to the token;
 *   revoke: a reason, the passphrase, an explicit confirmation.
 *
 * Actions: cert.submit (the button, Enter in a field), cert.have-token.
 * Properties: "action" (BsCertAction, construct-only), "step" ("change",
 * "reset-request", "reset-confirm", "issue-request", "issue-confirm",
 * "revoke", "done"), "status" (the status line), "message" (the answer or
 * what is wrong), "busy", "succeeded" (the flow is complete).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-dialog.h"

G_BEGIN_DECLS

#define BS_TYPE_CERTIFICATE_DIALOG (bs_certificate_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BsCertificateDialog, bs_certificate_dialog, BS, CERTIFICATE_DIALOG, BsDialog)

G_END_DECLS
