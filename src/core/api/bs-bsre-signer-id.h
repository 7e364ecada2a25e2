/* bs-bsre-signer-id.h — who signs, as the Esign v2 endpoints name them:
 * by NIK or by e-mail. The rule "the NIK, else the e-mail" lives here,
 * and so does naming a person to an Esign Client Service.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-bsre-account.h"

G_BEGIN_DECLS

/* The id that names @user to the service: the NIK when the user has one,
 * else the e-mail (transfer none). */
const char *bs_bsre_user_signer_id (const BsBsreUser *user);
/* The body field that carries @signer_id: "email" for an address, else
 * "nik". */
const char *bs_bsre_signer_id_field (const char *signer_id);
/* TRUE for a NIK (16 digits) or an e-mail address; else a
 * BS_BSRE_ERROR_BAD_REQUEST that says what is wrong. */
gboolean    bs_bsre_signer_id_check (const char *signer_id, GError **error);

/* The Esign Client Service's "login": checks with /api/v2/user/check/status
 * that the service knows the person named by @nik_or_email, and returns
 * them (nik or email set, certificate_status filled; transfer full). An
 * unregistered person is BS_BSRE_ERROR_NOT_FOUND; a certificate that
 * cannot sign is not an error here (see certificate_status). */
BsBsreUser *bs_bsre_esign_identify  (BsBsreSession *session, const char *nik_or_email,
                                     GCancellable *cancellable, GError **error);

G_END_DECLS
