/* ds-seal.h — the electronic seal of an institution (manual v2:
 * /api/v2/seal/get/activation, /seal/revoke/activation, /seal/get/totp,
 * /seal/pdf).
 *
 * A seal is an identity of the institution itself (its own certificate,
 * CN "Segel Elektronik …", O the institution), named by its subscriber id
 * and usable only by that institution's integrations (HTTP Basic). Its key
 * never leaves the server; codes authorise its use:
 *
 * - the activation code: e-mailed to the seal's address on request; then
 *   refreshed with itself (the new one comes back in the answer, the old
 *   one dies); revoking it ends the activation;
 * - a seal code: asked for with the activation code, returned in the
 *   answer, single use, 5 minutes; it authorises one seal/pdf request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ds-server.h"

G_BEGIN_DECLS

/* Creates the seal @subscriber of @institution with a new certificate
 * (inside the caller's transaction). */
gboolean ds_seal_create (DsServer *server, const char *subscriber, const char *institution,
                         const char *email, GError **error);

G_END_DECLS
