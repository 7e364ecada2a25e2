/* ds-accounts.h — accounts, passwords, TOTP devices and sessions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ds-server.h"

G_BEGIN_DECLS

/* Creates a user (status NO_CERTIFICATE); returns its id (transfer full). */
char        *ds_accounts_create (DsServer *server, const char *username, const char *email,
                                 const char *name, const char *nik, const char *organization,
                                 const char *password, GError **error);
/* Sets @user_id's account password (stored as a salted scrypt hash). */
gboolean     ds_accounts_set_password (DsServer *server, const char *user_id, const char *password);
/* Registers a TOTP device with @secret (base32); returns its id. */
char        *ds_accounts_add_device (DsServer *server, const char *user_id, const char *name,
                                     const char *secret_base32);
/* The user's public fields as the contract's "user" object. */
json_object *ds_accounts_user_json (DsServer *server, const char *user_id);
/* The user id for a NIK, e-mail or id (transfer full), or NULL. */
char        *ds_accounts_find (DsServer *server, const char *nik_email_or_id);

/* A new TOTP secret in base32 (transfer full). */
char        *ds_totp_new_secret (void);
/* The current code of @secret_base32 (for the demo banner). */
char        *ds_totp_now (const char *secret_base32);

G_END_DECLS
