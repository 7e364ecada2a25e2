/* bs-test-util.c — running tools and making fixtures for the tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bs-test-util.h"

#include <glib/gstdio.h>
#include <png.h>
#include <stdarg.h>
#include <string.h>
#include <sys/resource.h>

static char **
collect_argv (const char *first, va_list args)
{
  GPtrArray *argv = g_ptr_array_new ();
  const char *a;

  g_ptr_array_add (argv, g_strdup (first));
  while ((a = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (a));
  g_ptr_array_add (argv, NULL);
  return (char **) g_ptr_array_free (argv, FALSE);
}

static void
limit_file_size (gpointer data)
{
  struct rlimit rl = { *(rlim_t *) data, *(rlim_t *) data };

  setrlimit (RLIMIT_FSIZE, &rl);
}

static int
run_argv (const char *dir, char **argv, char **output, GSpawnChildSetupFunc setup, gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  if (!g_spawn_sync (dir, argv, NULL, G_SPAWN_SEARCH_PATH, setup, data, &out, &err, &status, &error))
    g_error ("cannot run %s: %s", argv[0], error->message);
  if (output != NULL)
    *output = g_strconcat (out, err, NULL);
  return g_spawn_check_wait_status (status, NULL) ? 0 : (WIFEXITED (status) ? WEXITSTATUS (status) : 128);
}

int
bs_test_run (const char *dir, char **output, const char *first, ...)
{
  va_list args;
  g_auto(GStrv) argv = NULL;

  va_start (args, first);
  argv = collect_argv (first, args);
  va_end (args);
  return run_argv (dir, argv, output, NULL, NULL);
}

int
bs_test_run_fsize_limited (const char *dir, guint64 limit, char **output, const char *first, ...)
{
  va_list args;
  g_auto(GStrv) argv = NULL;
  rlim_t l = (rlim_t) limit;

  va_start (args, first);
  argv = collect_argv (first, args);
  va_end (args);
  return run_argv (dir, argv, output, limit_file_size, &l);
}

char *
bs_test_mkdtemp (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("besign-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
bs_test_rm_rf (const char *dir)
{
  g_assert_cmpint (bs_test_run (NULL, NULL, "rm", "-rf", dir, NULL), ==, 0);
}

guint
bs_test_count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
sh (const char *dir, const char *script)
{
  g_autofree char *out = NULL;
  int rc = bs_test_run (dir, &out, "sh", "-ec", script, NULL);

  if (rc != 0)
    g_error ("fixture script failed (%d): %s\n%s", rc, script, out);
}

void
bs_test_make_identities (const char *dir)
{
  sh (dir,
      "echo test-pass > pass.txt\n"
      "openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 30 "
      "  -subj '/CN=BeSign Test Root' -addext 'basicConstraints=critical,CA:TRUE' "
      "  -addext 'keyUsage=critical,keyCertSign,cRLSign' 2>/dev/null\n"
      "printf 'keyUsage=critical,digitalSignature,nonRepudiation\\n' > s.ext\n"
      "for who in signer expired; do\n"
      "  openssl req -newkey rsa:2048 -nodes -keyout $who.key -out $who.csr -subj \"/CN=Test $who\" 2>/dev/null\n"
      "done\n"
      "openssl x509 -req -in signer.csr -CA root.pem -CAkey root.key -CAcreateserial -days 30 "
      "  -extfile s.ext -out signer.pem 2>/dev/null\n"
      /* Valid from a year ago to yesterday: the certificate is expired. */
      "openssl x509 -req -in expired.csr -CA root.pem -CAkey root.key -CAcreateserial "
      "  -not_before 20240101000000Z -not_after 20250101000000Z -extfile s.ext -out expired.pem 2>/dev/null "
      "|| openssl x509 -req -in expired.csr -CA root.pem -CAkey root.key -CAcreateserial -days -1 "
      "  -extfile s.ext -out expired.pem 2>/dev/null\n"
      "for who in signer expired; do\n"
      "  openssl pkcs12 -export -inkey $who.key -in $who.pem -certfile root.pem -out $who.p12 "
      "    -passout file:pass.txt -certpbe AES-256-CBC -keypbe AES-256-CBC -macalg sha256\n"
      "done\n"
      "openssl pkcs12 -export -nokeys -in signer.pem -out nokey.p12 -passout file:pass.txt "
      "  -certpbe AES-256-CBC -macalg sha256\n");
}

void
bs_test_make_pdf (const char *dir, const char *name, const char *extra_ps)
{
  g_autofree char *ps = g_strdup_printf (
    "%%!PS\n<< /PageSize [595 842] >> setpagedevice\n"
    "/Helvetica findfont 24 scalefont setfont 72 760 moveto (SURAT TUGAS) show\n"
    "/Helvetica findfont 12 scalefont setfont 72 730 moveto (Nomor 1/BeSign/2026) show\n"
    "%s\nshowpage\n", extra_ps ? extra_ps : "");
  g_autofree char *ps_path = g_build_filename (dir, "in.ps", NULL);
  g_autofree char *out = g_strdup_printf ("-sOutputFile=%s", name);

  g_assert_true (g_file_set_contents (ps_path, ps, -1, NULL));
  g_assert_cmpint (bs_test_run (dir, NULL, "gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite",
                                out, "in.ps", NULL), ==, 0);
}

void
bs_test_make_png (const char *path, int width, int height, guint32 rgba)
{
  png_image image = { .version = PNG_IMAGE_VERSION, .width = (png_uint_32) width,
                      .height = (png_uint_32) height, .format = PNG_FORMAT_RGBA };
  g_autofree guint8 *pixels = g_malloc ((gsize) width * height * 4);

  for (int i = 0; i < width * height; i++)
    {
      pixels[i * 4] = rgba >> 24;
      pixels[i * 4 + 1] = (rgba >> 16) & 0xff;
      pixels[i * 4 + 2] = (rgba >> 8) & 0xff;
      pixels[i * 4 + 3] = rgba & 0xff;
    }
  g_assert_true (png_image_write_to_file (&image, path, 0, pixels, 0, NULL));
}

guint32
bs_test_png_pixel (const char *path, int x, int y, int *width, int *height)
{
  png_image image = { .version = PNG_IMAGE_VERSION };
  g_autofree guint8 *pixels = NULL;
  guint8 *p;

  g_assert_true (png_image_begin_read_from_file (&image, path));
  image.format = PNG_FORMAT_RGB;
  pixels = g_malloc (PNG_IMAGE_SIZE (image));
  g_assert_true (png_image_finish_read (&image, NULL, pixels, 0, NULL));
  *width = (int) image.width;
  *height = (int) image.height;
  g_assert_cmpint (x, <, *width);
  g_assert_cmpint (y, <, *height);
  p = pixels + ((gsize) y * image.width + (gsize) x) * 3;
  return (guint32) p[0] << 16 | (guint32) p[1] << 8 | p[2];
}

const char *
bs_test_cli (void)
{
  const char *cli = g_getenv ("BESIGN_CLI");

  g_assert_nonnull (cli);
  return cli;
}
