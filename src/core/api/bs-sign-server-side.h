/* bs-sign-server-side.h — whole documents signed by the service (Esign v2
 * /api/v2/sign/pdf), shared by the window and besign-cli.
 *
 * Every document of a batch goes in ONE request, with its own
 * signatureProperties, so that one passphrase or one e-mailed code (asked
 * for the number of documents) covers the batch. Nothing the service
 * returns is written before it is checked: each answer must keep the
 * bytes that were sent as its first revision, and add a signature that
 * verifies (bs_verify_file()) and is by the signer's certificate (from
 * /api/v2/user/certificate/chain). Otherwise that document gets an
 * error and no file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-bsre-signing.h"
#include "bs-sign.h"

G_BEGIN_DECLS

/* Signs @inputs through @session for the signer @signer_id (NIK or
 * e-mail, see bs_bsre_user_signer_id()), authorised by @auth. Uses the
 * visible/page/rect/at_text/image/reason/location/contact/output fields of
 * @options ("--field" and certification are local signing's: refused
 * per document). @progress is called once per input, in input order, when
 * its outcome is known. Returns BsSignResult per input (transfer full).
 * A failure of the request itself (wrong passphrase, service down) is
 * every document's error. */
GPtrArray *bs_sign_files_server_side (BsBsreSession *session, const char *signer_id,
                                      const BsBsreSigningAuth *auth, const char * const *inputs,
                                      const BsSignOptions *options, BsSignProgress progress,
                                      gpointer user_data, GCancellable *cancellable);

/* Like bs_sign_files_server_side() with options of their own for each
 * input (the window places each document's signature separately). */
GPtrArray *bs_sign_files_server_side_each (BsBsreSession *session, const char *signer_id,
                                           const BsBsreSigningAuth *auth, const char * const *inputs,
                                           const BsSignOptions * const *options, BsSignProgress progress,
                                           gpointer user_data, GCancellable *cancellable);

G_END_DECLS
