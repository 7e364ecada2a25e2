/* bs-revocation.h — is a certificate revoked, and since when?
 *
 * Revocation data comes from the document (the DSS of PAdES B-LT, the
 * adbe-revocationInfoArchival signed attribute of PKCS#7 signatures) and,
 * when allowed, from the network (OCSP from the certificate's AIA, else
 * the CRL from its distribution point). Every OCSP response and CRL is
 * verified before it is believed (RFC 6960 4.2.2.2, RFC 5280 6.3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <openssl/ocsp.h>
#include <openssl/x509.h>

G_BEGIN_DECLS

typedef struct _BsValidationData BsValidationData;

BsValidationData *bs_validation_data_new  (void);
void              bs_validation_data_free (BsValidationData *data);
/* Each takes DER; unparsable input is ignored. @source names where the
 * data came from ("DSS", "signature", "online"). */
void              bs_validation_data_add_ocsp (BsValidationData *data, const guint8 *der, gsize len,
                                               const char *source);
void              bs_validation_data_add_crl  (BsValidationData *data, const guint8 *der, gsize len,
                                               const char *source);
void              bs_validation_data_add_cert (BsValidationData *data, const guint8 *der, gsize len);
/* Reads the adbe-revocationInfoArchival value (DER) of a signature. */
void              bs_validation_data_add_archival (BsValidationData *data, const guint8 *der, gsize len);
/* DER of every OCSP response (whole OCSPResponse) or CRL it holds
 * (transfer full, GBytes), for a DSS. */
GPtrArray        *bs_validation_data_dup_der (BsValidationData *data, gboolean ocsp);
/* Certificates it holds (transfer none), for building chains. */
STACK_OF (X509)  *bs_validation_data_get_certs (BsValidationData *data);

typedef enum {
  BS_REVOCATION_UNKNOWN,
  BS_REVOCATION_GOOD,
  BS_REVOCATION_REVOKED,
} BsRevocationStatus;

typedef struct {
  BsRevocationStatus status;
  GDateTime         *revoked_at;   /* for REVOKED */
  char              *reason;       /* RFC 5280 reason name, or NULL */
  char              *source;       /* "OCSP (DSS)", "CRL (online)", … */
} BsRevocationResult;

/* Looks @cert (issued by @issuer) up in @data; responders and CRL issuers
 * are checked against @store. */
void bs_revocation_check (BsValidationData *data, X509 *cert, X509 *issuer, X509_STORE *store,
                          BsRevocationResult *result);
/* Fetches an OCSP response (else a CRL) for @cert into @data over HTTP
 * with bounded time-outs; FALSE when nothing could be fetched. */
gboolean bs_revocation_fetch (BsValidationData *data, X509 *cert, X509 *issuer, const char *ca_file,
                              GCancellable *cancellable);
void bs_revocation_result_clear (BsRevocationResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsValidationData, bs_validation_data_free)

G_END_DECLS
