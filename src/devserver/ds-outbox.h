/* ds-outbox.h — e-mail the development server "sends": RFC 5322 .eml
 * files in DATA_DIR/outbox/, which people and tests read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ds-server.h"

G_BEGIN_DECLS

gboolean ds_outbox_send (DsServer *server, const char *to, const char *subject, const char *body);
/* "u***@example.go.id" for answers that say where mail went (transfer full). */
char    *ds_outbox_mask (const char *email);

G_END_DECLS
