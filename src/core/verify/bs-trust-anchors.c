/* bs-trust-anchors.c — loading anchors from files and folders.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-trust-anchors.h"

#include <openssl/err.h>
#include <openssl/pem.h>

#define MAX_ANCHOR_FILE (4 * 1024 * 1024)

static void
add_certificates_from_file (STACK_OF (X509) *out, const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  BIO *bio;
  X509 *cert;
  const unsigned char *p;

  if (!g_file_get_contents (path, &data, &len, NULL) || len > MAX_ANCHOR_FILE)
    return;
  bio = BIO_new_mem_buf (data, (int) len);
  while ((cert = PEM_read_bio_X509 (bio, NULL, NULL, NULL)) != NULL)
    sk_X509_push (out, cert);
  BIO_free (bio);
  ERR_clear_error ();
  p = (const unsigned char *) data;
  if (g_strstr_len (data, (gssize) len, "-----BEGIN") == NULL
      && (cert = d2i_X509 (NULL, &p, (long) len)) != NULL)
    sk_X509_push (out, cert);
  ERR_clear_error ();
}

static void
add_path (STACK_OF (X509) *out, const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      add_certificates_from_file (out, path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_REGULAR))
        add_certificates_from_file (out, child);
    }
}

STACK_OF (X509) *
bs_trust_anchors_load (const char * const *paths)
{
  STACK_OF (X509) *out = sk_X509_new_null ();

  for (; paths != NULL && *paths != NULL; paths++)
    add_path (out, *paths);
  return out;
}
