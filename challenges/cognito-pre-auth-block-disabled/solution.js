const { DynamoDBClient } = require("@aws-sdk/client-dynamodb");
const { DynamoDBDocumentClient, GetCommand } = require("@aws-sdk/lib-dynamodb");

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

exports.handler = async (event) => {
  // With PreventUserExistenceErrors, Cognito also calls us for unknown users: behave the same way.
  if (event.request.userNotFound) return event;

  const attrs = event.request.userAttributes || {};
  if (attrs["custom:suspended"] === "true") {
    throw new Error("Account suspended, contact the help desk");
  }
  const { Item } = await ddb.send(new GetCommand({ TableName: "DenyList", Key: { username: event.userName } }));
  if (Item) {
    throw new Error("Account suspended, contact the help desk");
  }
  return event;
};
