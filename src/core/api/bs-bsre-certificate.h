/* bs-bsre-certificate.h — managing the account's certificate: change or
 * reset the passphrase, request issuance, revoke.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-bsre-session.h"

G_BEGIN_DECLS

/* RFC 5280 reason names accepted by bs_bsre_revoke(). */
extern const char *const bs_bsre_revocation_reasons[];

gboolean bs_bsre_change_passphrase (BsBsreSession *session, const BsSecret *old_passphrase,
                                    const BsSecret *new_passphrase, GCancellable *cancellable, GError **error);
/* Both e-mail a link; @sent_to receives the masked address (transfer full). */
gboolean bs_bsre_reset_passphrase  (BsBsreSession *session, char **sent_to,
                                    GCancellable *cancellable, GError **error);
gboolean bs_bsre_request_issuance  (BsBsreSession *session, char **sent_to,
                                    GCancellable *cancellable, GError **error);
/* The e-mailed links' targets. */
gboolean bs_bsre_confirm_reset     (BsBsreSession *session, const BsSecret *token, const BsSecret *new_passphrase,
                                    GCancellable *cancellable, GError **error);
gboolean bs_bsre_confirm_issuance  (BsBsreSession *session, const BsSecret *token, const BsSecret *passphrase,
                                    char **serial, GCancellable *cancellable, GError **error);
/* @revoked_at receives the RFC 3339 time (transfer full). */
gboolean bs_bsre_revoke            (BsBsreSession *session, const char *reason, const BsSecret *passphrase,
                                    char **revoked_at, GCancellable *cancellable, GError **error);

G_END_DECLS
