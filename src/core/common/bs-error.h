/* bs-error.h — the error domain every core call reports through.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BS_ERROR (bs_error_quark ())

typedef enum {
  BS_ERROR_FAILED,            /* anything without a better code */
  BS_ERROR_IO,                /* reading or writing a file failed */
  BS_ERROR_NO_SPACE,          /* disk full or file size limit reached */
  BS_ERROR_NOT_PDF,           /* the input is not a PDF at all */
  BS_ERROR_DAMAGED,           /* a PDF whose structure needs repair */
  BS_ERROR_ENCRYPTED,         /* a password-protected PDF */
  BS_ERROR_TOO_LARGE,         /* beyond a sane limit */
  BS_ERROR_INVALID_ARGUMENT,  /* page, rectangle, option given by the user */
  BS_ERROR_IMAGE,             /* specimen image unreadable */
  BS_ERROR_BAD_PASSPHRASE,    /* wrong PKCS#12 password / passphrase */
  BS_ERROR_CERTIFICATE,       /* certificate unusable for signing */
  BS_ERROR_CRYPTO,            /* a cryptographic operation failed */
  BS_ERROR_SIGNATURE_SPACE,   /* the signature did not fit its placeholder */
} BsError;

GQuark bs_error_quark (void);

/* Appends the OpenSSL error queue (and clears it) to a new BS_ERROR_CRYPTO
 * error whose message starts with @what. */
void bs_set_openssl_error (GError **error, BsError code, const char *what);

G_END_DECLS
