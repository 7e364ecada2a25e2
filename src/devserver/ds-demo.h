/* ds-demo.h — the demo account a newcomer logs in with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ds-server.h"

G_BEGIN_DECLS

/* Seeds the demo account once (issued certificate, registered TOTP
 * device, integration credentials), writes DATA_DIR/demo-account.json
 * (mode 0600) and prints the login. */
gboolean ds_demo_prepare (DsServer *server, GError **error);
/* Prints the demo device's current TOTP code now and every 30 s. */
void     ds_demo_start_totp_banner (DsServer *server);

/* Writes the root certificate to DATA_DIR/trust/root.pem and
 * DATA_DIR/root.pem (the anchor for verify/pdf and for clients). */
gboolean ds_demo_write_trust (DsServer *server, GError **error);

G_END_DECLS
