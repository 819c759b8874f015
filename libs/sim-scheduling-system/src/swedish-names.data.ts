/**
 * Fictitious people for both simulators: clients of the case system, staff of the
 * scheduling system. Deliberately heavy on å ä ö and é/É, because losing those letters
 * between encodings is the bug the demo must expose.
 */
export const FIRST_NAMES: readonly string[] = [
  'Märta', 'Åsa', 'Ingegärd', 'Gunnel', 'Birgitta', 'Solveig', 'Margit', 'Elsa', 'Karin', 'Signe',
  'Britt-Marie', 'Göta', 'Maj-Britt', 'Ragnhild', 'Inger', 'Gudrun', 'Märit', 'Ingrid', 'Ulla', 'Sylvia',
  'Élise', 'Anna-Lena', 'Berit', 'Astrid', 'Dagny', 'Lisbeth', 'Aina', 'Hjördis', 'Rut', 'Svea',
  'Åke', 'Göran', 'Sölve', 'Björn', 'Gösta', 'Östen', 'Håkan', 'Örjan', 'Bengt', 'Sture',
  'Lennart', 'Stig', 'Ove', 'Rune', 'Torbjörn', 'Kjell', 'Gunnar', 'Nils-Erik', 'Sven', 'Hans',
  'Émile', 'René', 'Jöns', 'Mårten', 'Per-Åke', 'Tore', 'Arne', 'Folke', 'Einar', 'Valter',
  'Aino', 'Pirjo', 'Eino', 'Mohammed', 'Amina', 'Fatima', 'Ali', 'Sara', 'Leila', 'Jovan',
  'Sören', 'Jörgen', 'Kåre', 'Pär', 'Linnéa', 'Ylva', 'Tove', 'Ebba', 'Maja', 'Elin',
  'Hanna', 'Anneli', 'Jonas', 'Ahmed', 'Joel', 'Ronja', 'Nour',
];

export const SURNAMES: readonly string[] = [
  'Öberg', 'Åberg', 'Ängström', 'Sjöström', 'Söderström', 'Höglund', 'Näslund', 'Lindén', 'Rosén', 'Ekström',
  'Bäckström', 'Nyström', 'Lundström', 'Öhman', 'Åström', 'Löfgren', 'Ärlebäck', 'Wäppling', 'Sandström', 'Holmström',
  'Strömberg', 'Jonsson', 'Andersson', 'Nilsson', 'Eriksson', 'Persson', 'Larsson', 'Olsson', 'Karlsson', 'Johansson',
  'Lindqvist', 'Marklund', 'Burström', 'Lidström', 'Granström', 'Hägglund', 'Bergström', 'Forsberg', 'Vikström', 'Öqvist',
  'Lundmark', 'Sehlstedt', 'Edström', 'Häggström', 'Renström', 'Ågren', 'Östlund', 'Fällman', 'Kläppe', 'Sjölander',
  'Édenius', 'Ahlén', 'Sundén', 'Wahlén', 'Hedén', 'Näsström', 'Grönlund', 'Lövgren', 'Nordström', 'Åkerlund',
  'Ärlebäck-Söderström', 'Öhrn', 'Hämäläinen', 'Mäkinen', 'Korhonen', 'Hassan', 'Yusuf', 'Petrović', 'Stenmark', 'Brännström',
  'Lindström', 'Sjögren', 'Björk', 'Söderberg', 'Wikström', 'Jönsson', 'Svensson', 'Lundqvist', 'Haddad', 'Hussein',
  'Mohamed', 'Abdi', 'Berglund', 'Lindgren',
];
