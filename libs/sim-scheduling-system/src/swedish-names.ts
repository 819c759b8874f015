/**
 * Demo names for generated staff: common in Swedish home care, several with å, ä, ö
 * so that encoding mistakes show up in every demo roster.
 */
export const FIRST_NAMES: readonly string[] = [
  'Åsa', 'Märta', 'Björn', 'Göran', 'Håkan', 'Sören', 'Jörgen', 'Örjan', 'Kåre', 'Pär',
  'Linnéa', 'Ylva', 'Tove', 'Ebba', 'Maja', 'Elin', 'Hanna', 'Sara', 'Ingrid', 'Anneli',
  'Leila', 'Jonas', 'Fatima', 'Amina', 'Ahmed', 'Mohammed', 'Ali', 'Joel', 'Ronja', 'Nour',
];

export const LAST_NAMES: readonly string[] = [
  'Öhman', 'Åberg', 'Ågren', 'Östlund', 'Lindström', 'Sjögren', 'Häggström', 'Hägglund', 'Björk', 'Ekström',
  'Nyström', 'Bäckström', 'Söderberg', 'Wikström', 'Strömberg', 'Jönsson', 'Nilsson', 'Andersson', 'Karlsson', 'Johansson',
  'Svensson', 'Lundqvist', 'Forsberg', 'Marklund', 'Haddad', 'Hussein', 'Mohamed', 'Abdi', 'Berglund', 'Lindgren',
];
