/* bs-user-data.c — see bs-user-data.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-user-data.h"
#include "bs-error.h"
#include "bs-image.h"
#include "bs-trust-anchors.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

static char *
data_folder (const char *child)
{
  char *dir = g_build_filename (g_get_user_data_dir (), "besign", child, NULL);

  g_mkdir_with_parents (dir, 0700);
  return dir;
}

char *
bs_user_data_import_specimen (BsSettings *settings, const char *path, GError **error)
{
  g_autoptr(BsImage) image = bs_image_load (path, error);
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  g_autofree char *lower = g_ascii_strdown (path, -1);
  char *target;
  gsize len;

  if (image == NULL || !g_file_get_contents (path, &data, &len, error))
    return NULL;
  dir = data_folder (NULL);
  target = g_build_filename (dir, g_str_has_suffix (lower, ".png") ? "specimen.png" : "specimen.jpg", NULL);
  if (!g_file_set_contents_full (target, data, (gssize) len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    {
      g_free (target);
      return NULL;
    }
  bs_settings_set_string (settings, "specimen", target);
  return target;
}

static char *
user_trust_folder (BsSettings *settings)
{
  char *folder = bs_settings_dup_string (settings, "trust-folder");

  if (folder == NULL || *folder == '\0')
    {
      g_free (folder);
      folder = data_folder ("trust");
      bs_settings_set_string (settings, "trust-folder", folder);
    }
  g_mkdir_with_parents (folder, 0700);
  return folder;
}

/* Named by the certificate's SHA-256, so importing twice changes nothing. */
static gboolean
write_anchor (const char *folder, X509 *cert, GError **error)
{
  guint8 md[32];
  unsigned int md_len = 0;
  g_autofree char *hex = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  BIO *bio = BIO_new (BIO_s_mem ());
  char *pem = NULL;
  long pem_len;
  gboolean ok;

  X509_digest (cert, EVP_sha256 (), md, &md_len);
  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, md, md_len);
  name = g_strdup_printf ("%.16s.pem", hex);
  path = g_build_filename (folder, name, NULL);
  PEM_write_bio_X509 (bio, cert);
  pem_len = BIO_get_mem_data (bio, &pem);
  ok = g_file_set_contents_full (path, pem, pem_len, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
  BIO_free (bio);
  return ok;
}

int
bs_user_data_import_anchors (BsSettings *settings, const char *path, GError **error)
{
  const char *paths[] = { path, NULL };
  STACK_OF (X509) *certs = bs_trust_anchors_load (paths);
  g_autofree char *folder = NULL;
  int n = certs ? sk_X509_num (certs) : 0;
  gboolean ok = TRUE;

  if (n == 0)
    {
      sk_X509_pop_free (certs, X509_free);
      g_set_error (error, BS_ERROR, BS_ERROR_CERTIFICATE, _("“%s” holds no certificate (PEM or DER)"), path);
      return -1;
    }
  folder = user_trust_folder (settings);
  for (int i = 0; ok && i < n; i++)
    ok = write_anchor (folder, sk_X509_value (certs, i), error);
  sk_X509_pop_free (certs, X509_free);
  return ok ? n : -1;
}

GPtrArray *
bs_user_data_list_anchors (BsSettings *settings)
{
  g_autofree char *folder = bs_settings_dup_string (settings, "trust-folder");
  const char *paths[] = { folder, NULL };
  STACK_OF (X509) *certs = folder && *folder ? bs_trust_anchors_load (paths) : NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; certs != NULL && i < sk_X509_num (certs); i++)
    {
      X509 *cert = sk_X509_value (certs, i);
      char cn[256] = "?";
      struct tm until = { 0 };
      char date[32] = "?";

      X509_NAME_get_text_by_NID (X509_get_subject_name (cert), NID_commonName, cn, sizeof cn);
      if (ASN1_TIME_to_tm (X509_get0_notAfter (cert), &until) == 1)
        strftime (date, sizeof date, "%Y-%m-%d", &until);
      g_ptr_array_add (out, g_strdup_printf (_("%s (valid until %s)"), cn, date));
    }
  sk_X509_pop_free (certs, X509_free);
  return out;
}
