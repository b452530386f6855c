"""The sentence encoder both servers use: the NLU (rasa_plugins/nlu) and the action server
(actions/answers), which may not import the Rasa server's plug-ins."""
