/* ds-certificates.h — issuing and managing users' certificates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ds-server.h"

G_BEGIN_DECLS

/* Issues a certificate for @user_id under @passphrase, makes it current
 * and sets the status to ISSUE (inside the caller's transaction). */
gboolean ds_certificates_issue (DsServer *server, const char *user_id, const char *passphrase,
                                char **serial_out, GError **error);

G_END_DECLS
