class Ghost {
}
