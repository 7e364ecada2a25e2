/* ds-integration.h — the integrating applications of the Esign Client
 * Service v2 (manual §6.1): HTTP Basic credentials, one institution each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ds-server.h"

G_BEGIN_DECLS

/* Gates an Esign v2 endpoint: the integration's HTTP Basic credentials
 * (sets req->integration), or — the BeSign account path — a Bearer
 * access token (sets req->user_id; a stale one gets the contract's
 * TOKEN_EXPIRED/TOKEN_INVALID). Without credentials, or with wrong ones,
 * the answer is Spring's 401 {timestamp,status,error,path}, as on the real
 * service; a throttled integration gets 429 RATE_LIMITED. Returns whether
 * the request may go on. */
gboolean  ds_require_integration (DsRequest *req);
/* Like ds_require_integration() without the Bearer alternative. */
gboolean  ds_require_basic (DsRequest *req);

/* Spring Security's 401 body. */
void      ds_reply_spring_401 (DsRequest *req);

/* Stores (or replaces) an integration's user name, password and
 * institution (inside the caller's transaction). */
gboolean  ds_integration_add (DsServer *server, const char *user, const char *password,
                              const char *institution);
/* The institution of integration @user (transfer full), or NULL. */
char     *ds_integration_institution (DsServer *server, const char *user);

G_END_DECLS
