/* bs-cli-sign-server.h — "besign-cli sign" through a BSrE service: hashes
 * signed by a BeSign account (the documents stay here), or whole documents
 * signed by the service with --server-side (a BeSign account or an Esign
 * Client Service), one request and one authorisation for the batch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-bsre-signing.h"
#include "bs-cli-account.h"
#include "bs-sign.h"

G_BEGIN_DECLS

typedef struct {
  const char *passphrase_file;   /* or NULL: $BESIGN_PASSPHRASE, else a prompt */
  gboolean    email_otp;         /* authorise with an e-mailed code instead */
  gboolean    server_side;       /* send whole documents (/api/v2/sign/pdf) */
} BsCliServiceSigning;

/* Signs @files; returns the exit status. */
int  bs_cli_sign_with_service (BsCliAccount *account, const BsCliServiceSigning *how, GPtrArray *files,
                               const BsSignOptions *options);

/* Shared with bs-cli-sign.c: prints "INPUT -> OUTPUT", or the reason on
 * stderr ... */
void bs_cli_sign_progress     (const BsSignResult *r, guint done, guint total, gpointer user_data);
/* ... and "Signed N of M documents."; after a signal @signum, the
 * shell's status for it (128 + N). Returns the exit status. */
int  bs_cli_sign_report       (GPtrArray *results, int signum);

/* Where a batch signed through the service goes. */
typedef struct {
  BsBsreSession           *session;
  const char              *signer_id;
  const BsBsreSigningAuth *auth;
} BsCliRemoteBatch;

/* Signs @inputs with @signer, or through the service with @remote,
 * stopping cleanly on SIGINT/SIGTERM/SIGHUP; returns the exit status. */
int  bs_cli_sign_watched      (const char * const *inputs, const BsSignOptions *options, BsSigner *signer,
                               const BsCliRemoteBatch *remote);

G_END_DECLS
