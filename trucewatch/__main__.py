from trucewatch.cli import main

main()
