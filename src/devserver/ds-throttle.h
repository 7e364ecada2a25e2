/* ds-throttle.h — failure counting, lockouts and rate limits.
 *
 * Every credential the server checks (account password, login code,
 * integration password, passphrase, e-mailed and seal codes) has a limit:
 * after too many failures the subject is refused for a while, even with
 * the right secret, so guessing costs time instead of CPU. Counts live in
 * SQLite, so a restart does not reset them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ds-server.h"

G_BEGIN_DECLS

typedef struct {
  const char *scope;     /* what is counted, e.g. "password" */
  guint       max;       /* failures (or uses, for a rate) allowed */
  gint64      window;    /* seconds a count is kept; 0: until a success */
  gint64      lock;      /* seconds refused once @max is reached */
  gboolean    rate;      /* the answer is 429 RATE_LIMITED, else 403 LOCKED */
} DsLimit;

extern const DsLimit ds_limit_password;     /* account password, per account */
extern const DsLimit ds_limit_login_token;  /* login TOTP, per login token */
extern const DsLimit ds_limit_login_otp;    /* login TOTP, per account */
extern const DsLimit ds_limit_basic;        /* integration password, per user name */
extern const DsLimit ds_limit_passphrase;   /* certificate passphrase, per user */
extern const DsLimit ds_limit_email_otp;    /* e-mailed signing codes, per signer */
extern const DsLimit ds_limit_otp_requests; /* e-mails of signing codes, per signer */
extern const DsLimit ds_limit_seal_code;    /* seal activation and seal codes, per subscriber */
extern const DsLimit ds_limit_seal_requests;/* seal code requests, per subscriber */

/* Seconds @subject stays refused under @limit, or 0. */
gint64   ds_throttle_wait  (DsServer *server, const DsLimit *limit, const char *subject);
/* Counts one failure (or use); returns how many are left before the
 * lock (0: locked from now on). */
guint    ds_throttle_count (DsServer *server, const DsLimit *limit, const char *subject);
/* A success forgets the failures. */
void     ds_throttle_clear (DsServer *server, const DsLimit *limit, const char *subject);

/* Replies LOCKED (403) or RATE_LIMITED (429) with retryAfter, and a
 * Retry-After header, when @subject is refused; returns whether it did. */
gboolean ds_throttle_refuse (DsRequest *req, const DsLimit *limit, const char *subject);
/* The refusal answer itself, for @seconds. */
void     ds_throttle_reply  (DsRequest *req, const DsLimit *limit, gint64 seconds);

G_END_DECLS
