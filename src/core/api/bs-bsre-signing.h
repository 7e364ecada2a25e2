/* bs-bsre-signing.h — certificate status and chain, the e-mailed signing
 * OTP, hash signing, and the Esign v2 whole-document endpoints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-bsre-session.h"
#include "bs-pdf-geometry.h"

G_BEGIN_DECLS

/* How a signing request is authorised: exactly one of the two. */
typedef struct {
  const BsSecret *passphrase;
  const BsSecret *otp;         /* e-mailed code */
} BsBsreSigningAuth;

typedef struct {
  char   *status;              /* ISSUE, NOT_REGISTERED, …, REVOKE */
  gint64  status_code;
  char   *message;
} BsBsreStatus;

typedef struct {
  char      *algorithm;        /* "RSA_PKCS1_SHA256" */
  GPtrArray *signatures;       /* GBytes, in the order of the hashes */
  GPtrArray *chain;            /* GBytes DER, signer first */
} BsBsreSignedHashes;

/* One document's signatureProperties. The box is placed as the manual v2
 * draws it (p. 21): originX/originY are its top-left corner, measured from
 * the top-left corner of the page as displayed (crop box, /Rotate
 * applied), y growing downwards; all in PDF points. */
typedef struct {
  gboolean        visible;
  int             page;          /* 1-based */
  BsDisplayRect   box;           /* as displayed: top-left origin, points */
  const char     *marker;        /* tag_koordinat: at this text instead of the box, or NULL */
  GBytes         *image;         /* specimen PNG/JPEG, or NULL */
  const char     *reason, *location, *contact;
  const BsSecret *pdf_password;  /* opens a password-protected PDF, or NULL */
} BsBsrePdfAppearance;

typedef struct {
  char   *conclusion;          /* VALID, INVALID, NO_SIGNATURE */
  char   *description;
  gint64  signature_count;
  char   *json;                /* the whole answer */
} BsBsreVerification;

/* @who is a NIK or an e-mail address. */
BsBsreStatus       *bs_bsre_check_status (BsBsreSession *session, const char *who,
                                          GCancellable *cancellable, GError **error);
/* GBytes DER certificates, signer first (transfer full). */
GPtrArray          *bs_bsre_certificate_chain (BsBsreSession *session, const char *id,
                                               GCancellable *cancellable, GError **error);
/* Asks the service to e-mail a signing OTP meant for @documents files. */
gboolean            bs_bsre_request_email_otp (BsBsreSession *session, const char *who, guint documents,
                                               GCancellable *cancellable, GError **error);
/* Signs up to 100 SHA-256 hashes (GBytes) in one request. */
BsBsreSignedHashes *bs_bsre_sign_hashes (BsBsreSession *session, const BsBsreSigningAuth *auth,
                                         GPtrArray *hashes, GCancellable *cancellable, GError **error);
/* Esign v2 server-side signing of whole PDFs (GBytes) in ONE request,
 * @appearances[i] being the signatureProperties of @pdfs[i]: returns the
 * service's answer, GBytes in the same order (transfer full), unchecked —
 * bs_sign_files_server_side() checks them before anything is written. */
GPtrArray          *bs_bsre_sign_pdf (BsBsreSession *session, const char *who, const BsBsreSigningAuth *auth,
                                      GPtrArray *pdfs, const BsBsrePdfAppearance *const *appearances,
                                      GCancellable *cancellable, GError **error);
BsBsreVerification *bs_bsre_verify_pdf (BsBsreSession *session, GBytes *pdf,
                                        GCancellable *cancellable, GError **error);

void bs_bsre_status_free        (BsBsreStatus *status);
void bs_bsre_signed_hashes_free (BsBsreSignedHashes *signed_hashes);
void bs_bsre_verification_free  (BsBsreVerification *verification);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsBsreStatus, bs_bsre_status_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsBsreSignedHashes, bs_bsre_signed_hashes_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsBsreVerification, bs_bsre_verification_free)

G_END_DECLS
