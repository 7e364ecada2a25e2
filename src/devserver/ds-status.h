/* ds-status.h — certificate statuses of the contract (§3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The status_code of @status (1111 for ISSUE, 2011 …). */
int         ds_status_code    (const char *status);
/* The service's message for @status (static). */
const char *ds_status_message (const char *status);

G_END_DECLS
