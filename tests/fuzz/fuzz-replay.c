/* fuzz-replay.c — runs the fuzz target without libFuzzer: every corpus
 * file, then seeded mutations of them (bit flips, truncations, splices,
 * repeated and deleted spans), so CI exercises the target with any
 * compiler and the sanitizers. Bounded by an iteration count.
 *
 * Usage: fuzz-replay CORPUS_DIR [ITERATIONS] [SEED]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static GPtrArray *
load_corpus (const char *dir)
{
  GPtrArray *files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      char *data = NULL;
      gsize len = 0;
      if (g_file_get_contents (g_ptr_array_index (names, i), &data, &len, NULL))
        g_ptr_array_add (files, g_bytes_new_take (data, len));
    }
  return files;
}

static GByteArray *
mutate (GRand *rand, GBytes *seed, GBytes *other)
{
  gsize len;
  const guint8 *src = g_bytes_get_data (seed, &len);
  GByteArray *out = g_byte_array_new ();
  guint32 pos = len ? g_rand_int_range (rand, 0, (gint32) len) : 0;

  g_byte_array_append (out, src, (guint) len);
  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:  /* flip a few bytes */
      for (int i = 0; i < 8 && out->len; i++)
        out->data[g_rand_int_range (rand, 0, (gint32) out->len)] ^= (guint8) g_rand_int_range (rand, 1, 256);
      break;
    case 1:  /* truncate */
      g_byte_array_set_size (out, pos);
      break;
    case 2:  /* splice the tail of another file */
      {
        gsize olen;
        const guint8 *o = g_bytes_get_data (other, &olen);
        guint32 opos = olen ? g_rand_int_range (rand, 0, (gint32) olen) : 0;
        g_byte_array_set_size (out, pos);
        g_byte_array_append (out, o + opos, (guint) (olen - opos));
      }
      break;
    case 3:  /* replace a digit run (offsets, lengths, numbers) */
      for (guint i = pos; i < out->len; i++)
        if (g_ascii_isdigit (out->data[i]))
          {
            out->data[i] = (guint8) ('0' + g_rand_int_range (rand, 0, 10));
            break;
          }
      break;
    case 4:  /* delete a span */
      if (out->len > pos)
        g_byte_array_remove_range (out, pos, MIN ((guint) g_rand_int_range (rand, 1, 64), out->len - pos));
      break;
    default: /* repeat a span */
      if (out->len > pos)
        {
          guint n = MIN ((guint) g_rand_int_range (rand, 1, 256), out->len - pos);
          g_autofree guint8 *span = g_memdup2 (out->data + pos, n);
          g_byte_array_append (out, span, n);
        }
      break;
    }
  return out;
}

int
main (int argc, char **argv)
{
  g_autoptr(GPtrArray) corpus = NULL;
  guint iterations = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 300;
  g_autoptr(GRand) rand = g_rand_new_with_seed (argc > 3 ? (guint32) g_ascii_strtoull (argv[3], NULL, 10) : 1234);

  if (argc < 2)
    {
      g_printerr ("usage: fuzz-replay CORPUS_DIR [ITERATIONS] [SEED]\n");
      return 2;
    }
  corpus = load_corpus (argv[1]);
  g_assert_cmpuint (corpus->len, >, 0);
  printf ("1..%u\n", corpus->len + 1);
  for (guint i = 0; i < corpus->len; i++)
    {
      GBytes *b = g_ptr_array_index (corpus, i);
      LLVMFuzzerTestOneInput (g_bytes_get_data (b, NULL), g_bytes_get_size (b));
      printf ("ok %u - corpus file %u\n", i + 1, i);
    }
  for (guint i = 0; i < iterations; i++)
    {
      GBytes *seed = g_ptr_array_index (corpus, (guint) g_rand_int_range (rand, 0, (gint32) corpus->len));
      GBytes *other = g_ptr_array_index (corpus, (guint) g_rand_int_range (rand, 0, (gint32) corpus->len));
      g_autoptr(GByteArray) input = mutate (rand, seed, other);
      LLVMFuzzerTestOneInput (input->data, input->len);
    }
  printf ("ok %u - %u mutated inputs\n", corpus->len + 1, iterations);
  return 0;
}
