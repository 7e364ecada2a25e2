/* bs-cli-sign-server.h — "besign-cli sign --server-side": whole documents
 * signed by the service (Esign v2 /api/v2/sign/pdf), one per request, for
 * deployments that offer only that endpoint.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-bsre-signing.h"
#include "bs-sign.h"

G_BEGIN_DECLS

/* BsSignResult per input, reported with bs_cli_sign_progress(). */
GPtrArray *bs_cli_sign_server_side (BsBsreSession *session, const char *who, const BsBsreSigningAuth *auth,
                                    GPtrArray *files, const BsSignOptions *options);

/* Prints "INPUT -> OUTPUT", or the reason on stderr. */
void       bs_cli_sign_progress    (const BsSignResult *r, guint done, guint total, gpointer user_data);

G_END_DECLS
